package dev.ipcframework.client;

/**
 * The client could not reach the server, lost its connection, or was closed. Requests outstanding when a
 * connection drops fail at once with this exception (code {@link #CONNECTION_LOST}); so do calls made while the
 * client is reconnecting ({@link #NOT_CONNECTED}) or after {@link IpcClient#close()} ({@link #CLOSED}).
 */
public class IpcConnectionException extends IpcClientException {

	private static final long serialVersionUID = 1L;

	/** Connecting, or the handshake, failed. */
	public static final String CONNECT_FAILED = "CONNECT_FAILED";

	/** The connection dropped while the request was outstanding. */
	public static final String CONNECTION_LOST = "CONNECTION_LOST";

	/** The client is between connections. */
	public static final String NOT_CONNECTED = "NOT_CONNECTED";

	/** The client was closed, or gave up reconnecting. */
	public static final String CLOSED = "CLOSED";

	public IpcConnectionException(String code, String message) {
		super(code, message);
	}

	public IpcConnectionException(String code, String message, Throwable cause) {
		super(code, message, cause);
	}

}
