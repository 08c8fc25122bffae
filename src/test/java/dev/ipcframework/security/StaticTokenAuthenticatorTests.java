package dev.ipcframework.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StaticTokenAuthenticatorTests {

	private final StaticTokenAuthenticator authenticator = new StaticTokenAuthenticator(
			Map.of("billing", List.of(StaticTokenAuthenticator.hash("s3cret-billing"))));

	@Test
	void listedTokenJoinsItsAppWithEveryPermission() {
		IpcPrincipal principal = this.authenticator.authenticate(new IpcCredentials("billing", "s3cret-billing"));

		assertThat(principal).isNotNull();
		assertThat(principal.mayJoin("billing")).isTrue();
		assertThat(principal.mayJoin("other")).isFalse();
		assertThat(principal.permits(IpcAction.SERVE, "any")).isTrue();
		assertThat(principal.name()).startsWith("billing:token-").doesNotContain("s3cret");
	}

	@Test
	void otherTokensAndAppsAreLeftToTheNextAuthenticator() {
		assertThat(this.authenticator.authenticate(new IpcCredentials("billing", "s3cret-billing "))).isNull();
		assertThat(this.authenticator.authenticate(new IpcCredentials("other", "s3cret-billing"))).isNull();
	}

	@Test
	void configuredValueMustBeAHashAndIsNeverEchoed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StaticTokenAuthenticator(Map.of("billing", List.of("plain-secret"))))
			.withMessageContaining("ipc.security.apps.billing.tokens")
			.withMessageNotContaining("plain-secret");
	}

	@Test
	void credentialsNeverPrintTheirToken() {
		assertThat(new IpcCredentials("billing", "s3cret-billing").toString()).doesNotContain("s3cret");
	}

}
