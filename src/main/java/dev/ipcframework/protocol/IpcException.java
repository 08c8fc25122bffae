package dev.ipcframework.protocol;

/**
 * Thrown to answer with a specific error code. Handlers may throw it to choose the code a client sees;
 * any other exception from a handler is reported as {@link IpcErrorCode#HANDLER_ERROR}.
 */
public class IpcException extends RuntimeException {

	private final IpcErrorCode code;

	public IpcException(IpcErrorCode code, String message) {
		super(message);
		this.code = code;
	}

	public IpcErrorCode code() {
		return this.code;
	}

	public IpcError toError() {
		return new IpcError(this.code, getMessage());
	}

}
