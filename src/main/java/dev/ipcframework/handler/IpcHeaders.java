package dev.ipcframework.handler;

/**
 * Header names available to handler methods through {@code @Header}.
 */
public final class IpcHeaders {

	/** The {@code app_id} of the message (a {@code String}). */
	public static final String APP_ID = "ipc_appId";

	/** The {@code channel_id} of the message (a {@code String}). */
	public static final String CHANNEL_ID = "ipc_channelId";

	/** The {@code message_id} of the message (a {@code String}). */
	public static final String MESSAGE_ID = "ipc_messageId";

	/** The calling connection's id (a {@code String}). */
	public static final String CONNECTION_ID = "ipc_connectionId";

	/** The calling {@link dev.ipcframework.connection.IpcConnection}. */
	public static final String CONNECTION = "ipc_connection";

	/**
	 * The calling connection's {@link dev.ipcframework.security.IpcPrincipal}; absent when it connected without
	 * credentials.
	 */
	public static final String PRINCIPAL = "ipc_principal";

	/** The whole {@link dev.ipcframework.protocol.IpcEnvelope}. */
	public static final String ENVELOPE = "ipc_envelope";

	private IpcHeaders() {
	}

}
