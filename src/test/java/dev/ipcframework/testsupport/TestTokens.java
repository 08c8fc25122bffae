package dev.ipcframework.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * An RSA key pair made for the test run, and RS256 tokens signed with it. The server under test trusts
 * {@link #TRUSTED}'s public key ({@link #publicKeyLocation()}); {@link #untrusted()} signs tokens it must refuse.
 */
public final class TestTokens {

	/** The key pair whose public half the secured test servers are configured with. */
	public static final TestTokens TRUSTED = new TestTokens();

	private final KeyPair keys;

	private Path publicKeyFile;

	private TestTokens() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keys = generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Another key pair: its tokens have a valid form and a signature the server cannot verify. */
	public static TestTokens untrusted() {
		return new TestTokens();
	}

	/** Writes the private key as a PKCS#8 PEM file, as {@code openssl genpkey} makes one, for tools that sign. */
	public void writePrivateKey(Path file) throws IOException {
		String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.keys.getPrivate().getEncoded());
		Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
	}

	/** The public key as a PEM file, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
	public synchronized String publicKeyLocation() {
		if (this.publicKeyFile == null) {
			try {
				Path file = Files.createTempFile("ipc-test-key", ".pub");
				file.toFile().deleteOnExit();
				String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(this.keys.getPublic().getEncoded());
				Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
				this.publicKeyFile = file;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return this.publicKeyFile.toUri().toString();
	}

	/** A token for {@code subject}, valid for an hour, allowed into {@code apps}, with no permissions claim. */
	public Token token(String subject, String... apps) {
		return new Token(this, subject).apps(apps);
	}

	/** A token being built; {@link #sign()} gives its compact form. */
	public static final class Token {

		private final TestTokens keys;

		private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();

		Token(TestTokens keys, String subject) {
			this.keys = keys;
			this.claims.subject(subject).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)));
		}

		public Token apps(String... apps) {
			this.claims.claim("apps", List.of(apps));
			return this;
		}

		/** The {@code permissions} claim: action to channel patterns. */
		public Token permissions(Map<String, List<String>> permissions) {
			this.claims.claim("permissions", permissions);
			return this;
		}

		public Token claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		/** Expires this long from now; negative for a token already expired. */
		public Token expiresIn(Duration duration) {
			Instant expiresAt = Instant.now().plus(duration);
			this.claims.expirationTime(Date.from(expiresAt));
			if (duration.isNegative()) {
				// issued before it expired, as a real one was
				this.claims.issueTime(Date.from(expiresAt.minusSeconds(3600)));
			}
			return this;
		}

		public Token notBefore(Instant notBefore) {
			this.claims.notBeforeTime(Date.from(notBefore));
			return this;
		}

		public String sign() {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), this.claims.build());
			try {
				jwt.sign(new RSASSASigner((RSAPrivateKey) this.keys.keys.getPrivate()));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return jwt.serialize();
		}

	}

}
