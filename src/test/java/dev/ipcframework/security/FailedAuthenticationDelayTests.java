package dev.ipcframework.security;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.SecuredServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused authentications from an address that keeps failing are answered ever later, over both transports, so that
 * guessing tokens costs time; a connection waiting for its refusal cannot try again meanwhile.
 */
@TestPropertySource(properties = "ipc.security.max-failed-auth-delay=1s")
class FailedAuthenticationDelayTests extends SecuredServerTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void refusalsToAnAddressThatKeepsFailingAreAnsweredEverLater(Transport transport) {
		long[] millis = new long[6];
		for (int i = 0; i < millis.length; i++) {
			RawClient client = open(transport);
			long start = System.nanoTime();
			JsonNode answer = client.handshake("alpha", Map.of("token", "not-a-token-" + i));
			millis[i] = Duration.ofNanos(System.nanoTime() - start).toMillis();
			assertThat(answer.path("payload").path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
			assertThat(client.awaitClosed(RawClient.TIMEOUT)).isTrue();
		}
		// the first three at once; then 250 ms, 500 ms, and the configured most, 1 s (a loaded machine adds, never
		// subtracts)
		assertThat(millis[3]).isGreaterThanOrEqualTo(250);
		assertThat(millis[4]).isGreaterThanOrEqualTo(500);
		assertThat(millis[5]).isGreaterThanOrEqualTo(1000);
		// a valid token from the same address is not refused, and answered at once
		RawClient honest = open(transport);
		long start = System.nanoTime();
		honest.connect("alpha", token("ada", "alpha").sign());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aConnectionWaitingForItsRefusalCannotTryAgain(Transport transport) {
		for (int i = 0; i < 3; i++) {
			RawClient client = open(transport);
			client.handshake("alpha", Map.of("token", "warm-up-" + i));
		}
		// signed before the first guess goes out: signing may take longer than the refusal's delay
		String validToken = token("ada", "alpha").sign();
		RawClient client = open(transport);
		client.sendJson(RawClient.envelope("alpha", "system", "request",
				Map.of("action", "connect", "token", "guess-1")).toString());
		// a second guess while the first one's answer waits: dropped, not answered
		client.sendJson(RawClient.envelope("alpha", "system", "request",
				Map.of("action", "connect", "token", validToken)).toString());

		JsonNode answer = client.next();

		assertThat(answer.path("payload").path("error").path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(client.awaitClosed(RawClient.TIMEOUT)).isTrue();
		assertThat(client.poll(Duration.ofMillis(100))).isNull();
	}

}
