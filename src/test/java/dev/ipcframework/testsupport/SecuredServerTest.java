package dev.ipcframework.testsupport;

import dev.ipcframework.security.StaticTokenAuthenticator;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The real server with authentication required by default, trusting {@link TestTokens#TRUSTED}: app {@code open}
 * needs no token, app {@code maybe} takes one optionally, app {@code ledger} also takes the static token
 * {@link #LEDGER_TOKEN}; the Actuator user is {@code operator} / {@code s3cret}. Refusals are answered at once:
 * the tests refuse many tokens from one address, which the server would otherwise slow down.
 */
@TestPropertySource(properties = { "ipc.security.auth=required", "ipc.security.apps.open.auth=none",
		"ipc.security.apps.maybe.auth=optional", "spring.security.user.name=operator",
		"spring.security.user.password=s3cret", "ipc.security.max-failed-auth-delay=0" })
public abstract class SecuredServerTest extends IpcServerTest {

	/** A static token of app {@code ledger}; the server's configuration holds only its hash. */
	protected static final String LEDGER_TOKEN = "ledger-static-token-5f2c9e";

	@DynamicPropertySource
	static void securityProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
				TestTokens.TRUSTED::publicKeyLocation);
		registry.add("ipc.security.apps.ledger.tokens[0]", () -> StaticTokenAuthenticator.hash(LEDGER_TOKEN));
	}

	protected static TestTokens.Token token(String subject, String... apps) {
		return TestTokens.TRUSTED.token(subject, apps);
	}

}
