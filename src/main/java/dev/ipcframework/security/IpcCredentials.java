package dev.ipcframework.security;

/**
 * What a client presented to connect: the app it asks to join and its token (from the connect request's
 * {@code payload.token}, or over WebSocket from the upgrade request).
 *
 * @param appId the app named in the connect request
 * @param token the token, never empty
 */
public record IpcCredentials(String appId, String token) {

	@Override
	public String toString() {
		// a token is a secret: it never reaches a log line through this record
		return "IpcCredentials[appId=" + this.appId + ", token=(hidden)]";
	}

}
