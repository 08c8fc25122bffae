package dev.ipcframework.security;

import org.jspecify.annotations.Nullable;

/**
 * Turns credentials into a principal. Define a bean of this type to replace the built-in ones (static per-app
 * tokens, then JWT).
 */
@FunctionalInterface
public interface IpcAuthenticator {

	/**
	 * @return the principal, or {@code null} when this authenticator does not know this kind of credentials (another
	 * one may)
	 * @throws IpcAuthenticationException when the credentials are of its kind but invalid: malformed, badly signed,
	 * expired
	 */
	@Nullable IpcPrincipal authenticate(IpcCredentials credentials);

}
