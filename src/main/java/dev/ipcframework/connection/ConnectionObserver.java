package dev.ipcframework.connection;

/**
 * Told what happens on a connection's outbound side, where only the connection handle sees every frame: the
 * statistics collector implements it to count frames and bytes sent, frames dropped and slow consumers closed.
 */
public interface ConnectionObserver {

	/** Observes nothing. */
	ConnectionObserver NONE = new ConnectionObserver() {
	};

	/** A frame of {@code bytes} was accepted into the connection's send buffer. */
	default void frameQueued(ConnectionHandle connection, int bytes) {
	}

	/** The connection let its send buffer fill and is being closed. */
	default void slowConsumerClosed(ConnectionHandle connection) {
	}

	/** Frames queued for the connection were dropped: to make room under the drop-oldest policy, or on abort. */
	default void messagesDropped(ConnectionHandle connection, int count) {
	}

}
