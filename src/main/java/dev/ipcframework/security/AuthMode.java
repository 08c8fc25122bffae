package dev.ipcframework.security;

/**
 * Whether a connection must present credentials when it connects ({@code ipc.security.auth}, and per app
 * {@code ipc.security.apps.<app_id>.auth}).
 */
public enum AuthMode {

	/** No authentication: tokens are ignored and every connection may do everything, as with the original server. */
	NONE,
	/** A token is not needed; one that is sent must be valid, and its permissions then apply. */
	OPTIONAL,
	/** A connect request without a valid token is refused with {@code UNAUTHORIZED}. */
	REQUIRED

}
