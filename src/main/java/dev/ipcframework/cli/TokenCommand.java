package dev.ipcframework.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.type.TypeReference;

import org.springframework.boot.ssl.pem.PemContent;

/**
 * {@code ipc token}: issues a JWT that the service accepts when it verifies tokens with the matching public key:
 * RS256, signed with a PEM private key, with the claims the service reads ({@code sub}, {@code apps},
 * {@code permissions}, {@code exp}). For trying the service out and for scripts; an identity provider issues them
 * in production.
 */
@Command(name = "token", description = "Print a signed JWT (RS256) for a service that requires tokens.")
class TokenCommand implements Callable<Integer> {

	private static final TypeReference<Map<String, List<String>>> PERMISSIONS = new TypeReference<>() {
	};

	@Spec
	CommandSpec spec;

	@Option(names = "--key", required = true, paramLabel = "PEM",
			description = "the RSA private key (PKCS#8 PEM, e.g. from openssl genpkey) that signs the token")
	Path key;

	@Option(names = "--sub", required = true, description = "the principal's name (the sub claim)")
	String subject;

	@Option(names = "--app", required = true, paramLabel = "APP_ID",
			description = "an app the token may join; repeat for more, * for any")
	List<String> apps;

	@Option(names = "--permissions", paramLabel = "JSON",
			description = "channel patterns per action, e.g. '{\"request\":[\"invoices.*\"],\"subscribe\":[\"events.*\"]}';"
					+ " without it, every action on every channel of the apps")
	@Nullable String permissions;

	@Option(names = "--ttl", defaultValue = "1h", converter = DurationConverter.class,
			description = "how long the token is valid (default: ${DEFAULT-VALUE})")
	Duration ttl;

	@Override
	public Integer call() throws JOSEException {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(this.subject)
			.claim("apps", this.apps)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.ttl)));
		if (this.permissions != null) {
			claims.claim("permissions", permissions(this.permissions));
		}
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
				claims.build());
		token.sign(new RSASSASigner(privateKey()));
		this.spec.commandLine().getOut().println(token.serialize());
		this.spec.commandLine().getOut().flush();
		return ExitCodes.OK;
	}

	private PrivateKey privateKey() {
		if (!Files.isRegularFile(this.key)) {
			throw new InputException("no key file at " + this.key);
		}
		PrivateKey privateKey;
		try {
			privateKey = PemContent.load(this.key).getPrivateKey();
		}
		catch (IOException | IllegalStateException ex) {
			throw new InputException("cannot read a private key from " + this.key + ": " + ex.getMessage());
		}
		if (!(privateKey instanceof RSAPrivateKey)) {
			throw new InputException(this.key + " holds no RSA private key (PKCS#8 PEM, BEGIN PRIVATE KEY)");
		}
		return privateKey;
	}

	private static Map<String, List<String>> permissions(String json) {
		try {
			return JsonArgument.MAPPER.readValue(json, PERMISSIONS);
		}
		catch (RuntimeException ex) {
			throw new InputException("--permissions takes a JSON object of action to a list of channel patterns, "
					+ "like {\"request\":[\"invoices.*\"]}");
		}
	}

}
