package dev.ipcframework.security;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.SecuredServerTest;
import dev.ipcframework.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens at the handshake, over both transports: what joins an app, what is refused with {@code UNAUTHORIZED} and
 * the connection closed, and a token that expires while connected.
 */
class AuthenticationTests extends SecuredServerTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void validTokenJoinsAnAppItNames(Transport transport) {
		RawClient client = open(transport);

		JsonNode ack = client.connect("alpha", token("ada", "alpha").sign());

		assertThat(ack.path("payload").path("connection_id").asString()).isEqualTo(client.connectionId());
		assertThat(client.request("whoami", Map.of()).path("payload").path("name").asString()).isEqualTo("ada");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anyAppClaimJoinsEveryApp(Transport transport) {
		RawClient client = open(transport);

		client.connect("beta", token("root", "*").sign());

		assertThat(client.sync().path("payload").path("status").asString()).isEqualTo("pong");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void connectWithoutTokenIsRefusedWhereRequired(Transport transport) {
		assertRefused(transport, "alpha", Map.of(), "requires a token");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void badSignatureIsRefused(Transport transport) {
		assertRefused(transport, "alpha", Map.of("token", TestTokens.untrusted().token("eve", "alpha").sign()),
				"invalid token");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void expiredTokenIsRefused(Transport transport) {
		assertRefused(transport, "alpha",
				Map.of("token", token("ada", "alpha").expiresIn(Duration.ofMinutes(-10)).sign()), "expired");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenNotYetValidIsRefused(Transport transport) {
		assertRefused(transport, "alpha",
				Map.of("token", token("ada", "alpha").notBefore(Instant.now().plusSeconds(600)).sign()), "invalid token");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void malformedTokenIsRefused(Transport transport) {
		assertRefused(transport, "alpha", Map.of("token", "not-a-jwt"), "invalid token");
		assertRefused(transport, "alpha", Map.of("token", 42), "must be a string");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void appNotInTheTokensAppsIsRefused(Transport transport) {
		assertRefused(transport, "beta", Map.of("token", token("ada", "alpha").sign()), "does not allow app 'beta'");
		assertRefused(transport, "beta", Map.of("token", token("nobody").claim("apps", List.of()).sign()),
				"does not allow app 'beta'");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void malformedClaimsAreRefused(Transport transport) {
		assertRefused(transport, "alpha", Map.of("token", token("ada").claim("apps", 7).sign()), "claim 'apps'");
		assertRefused(transport, "alpha",
				Map.of("token", token("ada", "alpha").claim("permissions", List.of("publish")).sign()),
				"claim 'permissions'");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void appWithAuthNoneTakesClientsWithoutToken(Transport transport) {
		RawClient client = connected(transport, "open");

		assertThat(client.sync().path("payload").path("status").asString()).isEqualTo("pong");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void optionalAppTakesNoTokenButRefusesABadOne(Transport transport) {
		connected(transport, "maybe").sync();

		assertRefused(transport, "maybe", Map.of("token", TestTokens.untrusted().token("eve", "maybe").sign()),
				"invalid token");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void staticTokenJoinsOnlyItsApp(Transport transport) {
		RawClient client = open(transport);
		client.connect("ledger", LEDGER_TOKEN);
		client.sync();

		assertRefused(transport, "alpha", Map.of("token", LEDGER_TOKEN), "invalid token");
		assertRefused(transport, "ledger", Map.of("token", LEDGER_TOKEN + "x"), "invalid token");
	}

	@Test
	void webSocketTakesTheTokenFromTheUpgradeHeader() {
		RawClient client = track(RawClient.websocket(wsUri(""),
				Map.of("Authorization", "Bearer " + token("ada", "alpha").sign())));

		client.connect("alpha");

		assertThat(client.request("whoami", Map.of()).path("payload").path("name").asString()).isEqualTo("ada");
	}

	@Test
	void webSocketTakesTheTokenFromTheQuery() {
		RawClient client = track(RawClient.websocket(wsUri("?token=" + token("grace", "alpha").sign())));

		client.connect("alpha");

		assertThat(client.request("whoami", Map.of()).path("payload").path("name").asString()).isEqualTo("grace");
	}

	@Test
	void webSocketUpgradeWithABadTokenIsRefusedAtTheConnect() {
		RawClient client = track(RawClient.websocket(wsUri(""),
				Map.of("Authorization", "Bearer " + TestTokens.untrusted().token("eve", "alpha").sign())));

		JsonNode answer = client.handshake("alpha", Map.of());

		assertThat(answer.path("payload").path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(client.awaitClosed(RawClient.TIMEOUT)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenThatExpiresWhileConnectedClosesTheConnection(Transport transport) {
		RawClient client = open(transport);
		client.connect("alpha", token("ada", "alpha").expiresIn(Duration.ofSeconds(2)).sign());

		JsonNode notice = client.await((frame) -> "system".equals(frame.path("channel_id").asString())
				&& "notification".equals(frame.path("message_type").asString()));

		assertThat(notice.path("payload").path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(notice.path("payload").path("error").path("message").asString()).contains("expired");
		assertThat(client.awaitClosed(RawClient.TIMEOUT)).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void refreshedTokenKeepsTheConnectionOpen(Transport transport) {
		RawClient client = open(transport);
		client.connect("alpha", token("ada", "alpha").expiresIn(Duration.ofSeconds(2)).sign());

		JsonNode refreshed = client.request("system",
				Map.of("action", "refresh", "token", token("ada-renewed", "alpha").sign()));

		assertThat(refreshed.path("payload").path("status").asString()).isEqualTo("refreshed");
		assertThat(refreshed.path("payload").path("expires_at").asDouble())
			.isGreaterThan(System.currentTimeMillis() / 1000.0 + 600);
		assertThat(client.awaitClosed(Duration.ofSeconds(4))).isFalse();
		assertThat(client.request("whoami", Map.of()).path("payload").path("name").asString())
			.isEqualTo("ada-renewed");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void refusedRefreshLeavesTheConnectionAsItWas(Transport transport) {
		RawClient client = open(transport);
		client.connect("alpha", token("ada", "alpha").sign());

		JsonNode badSignature = client.request("system",
				Map.of("action", "refresh", "token", TestTokens.untrusted().token("eve", "alpha").sign()));
		JsonNode otherApp = client.request("system", Map.of("action", "refresh", "token", token("ada", "beta").sign()));

		assertThat(badSignature.path("payload").path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(otherApp.path("payload").path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(client.request("whoami", Map.of()).path("payload").path("name").asString()).isEqualTo("ada");
	}

	private void assertRefused(Transport transport, String app, Map<String, ?> extra, String reason) {
		RawClient client = open(transport);

		JsonNode answer = client.handshake(app, extra);

		assertThat(answer.path("channel_id").asString()).isEqualTo("system");
		assertThat(answer.path("payload").path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(answer.path("payload").path("error").path("message").asString()).contains(reason);
		assertThat(client.awaitClosed(RawClient.TIMEOUT)).as("closed after UNAUTHORIZED").isTrue();
	}

	private URI wsUri(String query) {
		return URI.create("ws://127.0.0.1:" + this.httpPort + "/ipc" + query);
	}

}
