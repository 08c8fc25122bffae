package dev.ipcframework.relay;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server-wide limit {@code ipc.requests.timeout}, short here so that tests need not wait.
 */
@TestPropertySource(properties = "ipc.requests.timeout=300ms")
class RelayTimeoutTests extends RelayServerTest {

	private static final String APP = TestHandlers.APP;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unansweredRequestGetsTimeoutAndTheLateAnswerIsDroppedAndCounted(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "silent");

		String requestId = requester.send("silent", "request", Map.of());
		JsonNode forwarded = awaitForwarded(responder, "silent");
		JsonNode response = requester.awaitResponse(requestId);
		long before = dropped();
		answer(responder, forwarded, Map.of("too", "late"));
		responder.sync();

		assertThat(errorCode(response)).isEqualTo("TIMEOUT");
		assertThat(response.path("payload").path("error").path("message").asString()).contains("300 ms");
		assertThat(dropped()).isGreaterThan(before);
		assertThat(requester.poll(Duration.ofMillis(200))).isNull();
		assertThat(this.relay.pendingCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestCannotAskForMoreThanTheServerAllows(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "capped");

		String requestId = requestWithTimeout(requester, "capped", Map.of(), 60_000);
		JsonNode response = requester.awaitResponse(requestId);

		assertThat(errorCode(response)).isEqualTo("TIMEOUT");
		assertThat(response.path("payload").path("error").path("message").asString()).contains("300 ms");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void answerInTimeIsDeliveredAndCancelsTheTimeout(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "prompt");

		String requestId = requester.send("prompt", "request", Map.of());
		answer(responder, awaitForwarded(responder, "prompt"), "done");
		JsonNode response = requester.awaitResponse(requestId);

		assertThat(response.path("payload").asString()).isEqualTo("done");
		// well past the timeout: no second answer follows the first
		assertThat(requester.poll(Duration.ofMillis(600))).isNull();
	}

}
