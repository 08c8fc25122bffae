package dev.ipcframework.security;

/**
 * Credentials that were refused. The message goes to the client: it says why, and never contains the token.
 */
public class IpcAuthenticationException extends RuntimeException {

	public IpcAuthenticationException(String message) {
		super(message);
	}

	public IpcAuthenticationException(String message, Throwable cause) {
		super(message, cause);
	}

}
