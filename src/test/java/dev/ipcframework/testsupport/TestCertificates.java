package dev.ipcframework.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * Keys and certificates made for the test run with the JDK's {@code keytool}, in a temporary directory removed when
 * the JVM exits: a CA, a server certificate it signed (for {@code localhost} and {@code 127.0.0.1}), a client
 * certificate it signed, and a self-signed client certificate it did not. The server's certificate and key are PEM
 * files, as a Spring Boot PEM SSL bundle reads them. Made once per JVM, so that test classes share the server's
 * Spring context.
 */
public final class TestCertificates {

	public static final String CLIENT_SUBJECT = "CN=ipc-test-client, O=IPC Tests";

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static TestCertificates shared;

	private final Path directory;

	private final X509Certificate ca;

	private final KeyStore client;

	private final KeyStore stranger;

	private TestCertificates(Path directory) throws IOException, GeneralSecurityException {
		this.directory = directory;
		keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=IPC Test CA", "-ext", "bc:c");
		this.ca = (X509Certificate) load("ca.p12").getCertificate("ca");
		writePem("ca.pem", "CERTIFICATE", this.ca.getEncoded());

		signedKeyPair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
		writePem("server.key", "PRIVATE KEY", load("server.p12").getKey("server", PASSWORD).getEncoded());

		this.client = signedKeyPair("client", CLIENT_SUBJECT, "EKU=clientAuth");
		keytool("-genkeypair", "-keystore", "stranger.p12", "-alias", "stranger", "-dname", "CN=stranger");
		this.stranger = load("stranger.p12");
	}

	/** The certificates of this test run. */
	public static synchronized TestCertificates shared() {
		if (shared == null) {
			try {
				Path directory = Files.createTempDirectory("ipc-tls-");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						FileSystemUtils.deleteRecursively(directory);
					}
					catch (IOException ex) {
						// a temporary directory either way
					}
				}));
				shared = new TestCertificates(directory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return shared;
	}

	/** The CA's certificate, PEM. */
	public Path caCertificate() {
		return this.directory.resolve("ca.pem");
	}

	/** The server's certificate, signed by the CA, PEM. */
	public Path serverCertificate() {
		return this.directory.resolve("server.pem");
	}

	/** The server's private key, PKCS#8 PEM. */
	public Path serverPrivateKey() {
		return this.directory.resolve("server.key");
	}

	/** Trusts the CA, presents no certificate. */
	public SSLContext trustingClient() {
		return sslContext(null);
	}

	/** Trusts the CA, presents the certificate the CA signed for {@link #CLIENT_SUBJECT}. */
	public SSLContext certifiedClient() {
		return sslContext(this.client);
	}

	/** Trusts the CA, presents a self-signed certificate the CA never saw. */
	public SSLContext strangerClient() {
		return sslContext(this.stranger);
	}

	private SSLContext sslContext(@Nullable KeyStore keys) {
		try {
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("ca", this.ca);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			KeyManager[] keyManagers = null;
			if (keys != null) {
				KeyManagerFactory key = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				key.init(keys, PASSWORD);
				keyManagers = key.getKeyManagers();
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A key pair whose certificate ({@code alias.pem}) the CA signed; in a key store with that chain. */
	private KeyStore signedKeyPair(String alias, String subject, String extension)
			throws IOException, GeneralSecurityException {
		String store = alias + ".p12";
		keytool("-genkeypair", "-keystore", store, "-alias", alias, "-dname", subject);
		keytool("-certreq", "-keystore", store, "-alias", alias, "-file", alias + ".csr");
		keytool("-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", alias + ".csr", "-outfile",
				alias + ".pem", "-rfc", "-ext", extension);
		Certificate signed;
		try (InputStream in = Files.newInputStream(this.directory.resolve(alias + ".pem"))) {
			signed = CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		PrivateKey key = (PrivateKey) load(store).getKey(alias, PASSWORD);
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		keys.setKeyEntry(alias, key, PASSWORD, new Certificate[] { signed, this.ca });
		return keys;
	}

	private KeyStore load(String store) throws IOException, GeneralSecurityException {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.directory.resolve(store))) {
			keys.load(in, PASSWORD);
		}
		return keys;
	}

	private void writePem(String file, String type, byte[] der) throws IOException {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		Files.writeString(this.directory.resolve(file),
				"-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
	}

	private void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
		if (arguments[0].equals("-genkeypair")) {
			// EC keys are made in milliseconds; validity a day, as long as a test run needs
			command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1"));
		}
		else if (arguments[0].equals("-gencert")) {
			command.addAll(List.of("-validity", "1"));
		}
		Process process = new ProcessBuilder(command).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.start();
		try {
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool " + String.join(" ", arguments) + " failed: "
						+ new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
