package dev.ipcframework.security;

import java.time.Instant;
import java.util.Map;

import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a connection may join an app: applies the app's {@link AuthMode}, has the token authenticated,
 * and checks that the principal may join that app.
 */
public class HandshakeAuthenticator {

	private final AuthMode defaultMode;

	private final Map<String, AuthMode> modeByApp;

	private final IpcAuthenticator authenticator;

	public HandshakeAuthenticator(AuthMode defaultMode, Map<String, AuthMode> modeByApp,
			IpcAuthenticator authenticator) {
		this.defaultMode = defaultMode;
		this.modeByApp = Map.copyOf(modeByApp);
		this.authenticator = authenticator;
	}

	public AuthMode mode(String appId) {
		return this.modeByApp.getOrDefault(appId, this.defaultMode);
	}

	/**
	 * @param token the token the client presented, or {@code null}
	 * @return the principal, or {@code null} for a connection that goes without one (mode {@code none}, or
	 * {@code optional} without a token)
	 * @throws IpcException {@code UNAUTHORIZED} when the token is needed and missing, invalid or expired, or does
	 * not allow this app
	 */
	public @Nullable IpcPrincipal authenticate(String appId, @Nullable String token) {
		AuthMode mode = mode(appId);
		if (mode == AuthMode.NONE) {
			return null;
		}
		if (token == null || token.isEmpty()) {
			if (mode == AuthMode.OPTIONAL) {
				return null;
			}
			throw unauthorized("app '" + appId + "' requires a token (payload field 'token')");
		}
		IpcPrincipal principal;
		try {
			principal = this.authenticator.authenticate(new IpcCredentials(appId, token));
		}
		catch (IpcAuthenticationException ex) {
			throw unauthorized(ex.getMessage());
		}
		if (principal == null) {
			throw unauthorized("token not accepted");
		}
		if (principal.expiresAt() != null && !principal.expiresAt().isAfter(Instant.now())) {
			throw unauthorized("token expired");
		}
		if (!principal.mayJoin(appId)) {
			throw unauthorized("the token does not allow app '" + appId + "'");
		}
		return principal;
	}

	private static IpcException unauthorized(String message) {
		return new IpcException(IpcErrorCode.UNAUTHORIZED, message);
	}

}
