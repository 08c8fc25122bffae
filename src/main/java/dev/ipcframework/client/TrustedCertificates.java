package dev.ipcframework.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} that trusts the certificates of a PEM file (a CA, or a server's self-signed certificate)
 * instead of the JVM's default trust store; the JDK parses and checks them.
 */
final class TrustedCertificates {

	private TrustedCertificates() {
	}

	/** @throws IllegalArgumentException when the file cannot be read or holds no certificate */
	static SSLContext sslContext(Path pemFile) {
		try (InputStream in = Files.newInputStream(pemFile)) {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(in);
			if (certificates.isEmpty()) {
				throw new IllegalArgumentException("trustCertificates: no certificate in " + pemFile);
			}
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int n = 0;
			for (Certificate certificate : certificates) {
				trusted.setCertificateEntry("trusted-" + n++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("trustCertificates: cannot read certificates from " + pemFile + ": "
					+ ex.getMessage(), ex);
		}
	}

}
