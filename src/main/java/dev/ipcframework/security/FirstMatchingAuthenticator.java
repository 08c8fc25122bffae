package dev.ipcframework.security;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Asks several authenticators in turn; the first that knows the credentials decides.
 */
public class FirstMatchingAuthenticator implements IpcAuthenticator {

	private final List<IpcAuthenticator> authenticators;

	public FirstMatchingAuthenticator(List<IpcAuthenticator> authenticators) {
		this.authenticators = List.copyOf(authenticators);
	}

	@Override
	public @Nullable IpcPrincipal authenticate(IpcCredentials credentials) {
		for (IpcAuthenticator authenticator : this.authenticators) {
			IpcPrincipal principal = authenticator.authenticate(credentials);
			if (principal != null) {
				return principal;
			}
		}
		return null;
	}

}
