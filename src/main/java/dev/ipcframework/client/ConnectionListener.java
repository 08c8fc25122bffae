package dev.ipcframework.client;

/**
 * Learns about the client's connection. Every method has an empty default; override those you need. Methods are
 * called on the client's own threads and should return quickly.
 */
public interface ConnectionListener {

	/**
	 * The handshake succeeded.
	 * @param connectionId the id the server registered the connection under
	 * @param reconnected {@code false} for the first connection, {@code true} after a reconnect
	 */
	default void connected(IpcClient client, String connectionId, boolean reconnected) {
	}

	/** The connection dropped; the client reconnects unless it was closed or has used up its attempts. */
	default void disconnected(IpcClient client, Throwable cause) {
	}

	/**
	 * An error not tied to a request: a server error notice on the {@code system} channel, a frame the client
	 * could not read, a handler that threw, or a reconnect attempt that failed.
	 */
	default void error(IpcClient client, Throwable error) {
	}

	/**
	 * After a reconnect, the client subscribed again to a channel from the last position it had seen there. When
	 * {@link ChannelRecovery#recovered()} is {@code false}, messages were missed that the server could not send:
	 * reload what depends on the channel. Called after the recovered messages reached the handlers, before the
	 * live ones.
	 */
	default void recovery(IpcClient client, ChannelRecovery recovery) {
	}

	/** The client is closed: by {@link IpcClient#close()}, or because it gave up reconnecting. */
	default void closed(IpcClient client) {
	}

}
