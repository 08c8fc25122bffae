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
import static org.awaitility.Awaitility.await;

/**
 * With {@code ipc.relay.prefer-remote=true}, serving clients answer a channel before its {@code @IpcHandler}.
 */
@TestPropertySource(properties = "ipc.relay.prefer-remote=true")
class PreferRemoteTests extends RelayServerTest {

	private static final String APP = TestHandlers.APP;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void servingClientAnswersInsteadOfTheLocalHandler(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "echo");

		String requestId = requester.send("echo", "request", Map.of("text", "hello"));
		answer(responder, awaitForwarded(responder, "echo"), Map.of("text", "remote"));

		assertThat(requester.awaitResponse(requestId).path("payload").path("text").asString()).isEqualTo("remote");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void localHandlerStillAnswersWhenNobodyServes(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "echo");
		responder.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.relay.responderCount(APP, "echo") == 0);

		JsonNode response = requester.request("echo", Map.of("text", "local"));

		assertThat(response.path("payload").path("text").asString()).isEqualTo("local");
	}

}
