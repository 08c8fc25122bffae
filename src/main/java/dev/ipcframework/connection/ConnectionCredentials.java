package dev.ipcframework.connection;

import javax.security.auth.x500.X500Principal;

import dev.ipcframework.security.IpcPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * What a connection presented to prove who it is, and who that made it: the TLS client certificate, a token the
 * transport received before the handshake, and the principal authentication gave it. Checking, expiry and refresh
 * are the router's ({@code ConnectionAuthentication}); this only holds the outcome for {@link ConnectionHandle}.
 */
final class ConnectionCredentials {

	private final @Nullable X500Principal clientCertificateSubject;

	private volatile @Nullable String transportToken;

	private volatile @Nullable IpcPrincipal principal;

	ConnectionCredentials(@Nullable X500Principal clientCertificateSubject) {
		this.clientCertificateSubject = clientCertificateSubject;
	}

	@Nullable X500Principal clientCertificateSubject() {
		return this.clientCertificateSubject;
	}

	@Nullable String transportToken() {
		return this.transportToken;
	}

	void transportToken(@Nullable String token) {
		this.transportToken = token;
	}

	@Nullable IpcPrincipal principal() {
		return this.principal;
	}

	void principal(@Nullable IpcPrincipal authenticated) {
		this.principal = authenticated;
	}

}
