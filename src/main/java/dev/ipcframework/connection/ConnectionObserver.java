package dev.ipcframework.connection;

/**
 * Told what happens on a connection's outbound side, where only the connection handle sees every frame: the
 * statistics collector implements it to count frames and bytes sent, frames dropped and slow consumers closed.
 */
public interface ConnectionObserver {

	/** Observes nothing. */
	ConnectionObserver NONE = new ConnectionObserver() {
	};

	/**
	 * Frames of {@code bytes} in all were taken from the connection's send buffer to be written: counted once per
	 * write rather than once per frame, which keeps counting off the path of a publish to many subscribers.
	 */
	default void framesSent(ConnectionHandle connection, int frames, long bytes) {
	}

	/** The connection let its send buffer fill and is being closed. */
	default void slowConsumerClosed(ConnectionHandle connection) {
	}

	/** Frames queued for the connection were dropped: to make room under the drop-oldest policy, or on abort. */
	default void messagesDropped(ConnectionHandle connection, int count) {
	}

}
