package dev.ipcframework.connection;

/**
 * Hears what happens to connections' send buffers, for statistics.
 */
public interface ConnectionListener {

	/** The connection's buffer overflowed under {@link OverflowPolicy#DISCONNECT} and it is being closed. */
	default void slowConsumerDisconnected(IpcConnection connection) {
	}

	/** Messages queued for the connection were dropped: by {@link OverflowPolicy#DROP_OLDEST}, or on close. */
	default void messagesDropped(IpcConnection connection, int count) {
	}

}
