package dev.ipcframework.client;

/**
 * A request that failed: the server (or the client that served the request) answered with an error payload
 * {@code {"error": {"code": ..., "message": ...}}}, or the client itself gave up on it.
 * <p>
 * {@link #code()} is the protocol's error code as the server sent it ({@code NO_HANDLER}, {@code HANDLER_ERROR},
 * {@code BAD_REQUEST}, {@code TIMEOUT}, {@code RESPONDER_GONE}, ...), kept as a string so that codes added to the
 * server later still reach the caller. Failures that happen in the client have their own subclasses:
 * {@link RequestTimeoutException} and {@link IpcConnectionException}.
 */
public class IpcClientException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	public IpcClientException(String code, String message) {
		this(code, message, null);
	}

	public IpcClientException(String code, String message, Throwable cause) {
		super(code + ": " + message, cause);
		this.code = code;
	}

	/** The error code, e.g. {@code NO_HANDLER}. */
	public String code() {
		return this.code;
	}

}
