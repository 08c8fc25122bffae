package dev.ipcframework.relay;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.NodeStyleClient;
import dev.ipcframework.testsupport.PythonStyleClient;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that serve a channel answer its requests through the server, over each transport.
 */
class RequestRelayTests extends RelayServerTest {

	private static final String APP = TestHandlers.APP;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void serveIsAcknowledgedWithTheChannelAndResponderCount(Transport transport) {
		RawClient responder = connected(transport, APP);

		JsonNode answer = serve(responder, "quotes");

		assertThat(answer.path("channel_id").asString()).isEqualTo("system");
		assertThat(answer.path("payload").path("channel_id").asString()).isEqualTo("quotes");
		assertThat(answer.path("payload").path("responders").asInt()).isEqualTo(1);
		assertThat(this.relay.responderCount(APP, "quotes")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestIsForwardedUnderANewIdAndTheAnswerRepliesToTheRequestersId(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "prices");

		String requestId = requester.send("prices", "request", Map.of("item", "tea"));
		JsonNode forwarded = awaitForwarded(responder, "prices");
		String answerId = answer(responder, forwarded, Map.of("price", 3));
		JsonNode response = requester.awaitResponse(requestId);

		assertThat(forwarded.path("message_id").asString()).isNotEqualTo(requestId).isNotEmpty();
		assertThat(forwarded.path("app_id").asString()).isEqualTo(APP);
		assertThat(forwarded.path("payload").path("item").asString()).isEqualTo("tea");
		assertThat(forwarded.path("reply_to").isNull()).isTrue();
		assertThat(response.path("reply_to").asString()).isEqualTo(requestId);
		assertThat(response.path("message_id").asString()).isNotIn(answerId, requestId, forwarded.path("message_id")
			.asString());
		assertThat(response.path("channel_id").asString()).isEqualTo("prices");
		assertThat(response.path("payload").path("price").asInt()).isEqualTo(3);
		assertThat(this.relay.pendingCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void clientBehavingLikeTheOriginalPythonClientServesRequests(Transport transport) throws Exception {
		PythonStyleClient python = new PythonStyleClient(open(transport), APP);
		RawClient requester = connected(transport, APP);
		JsonNode served = python.serve("model", (payload) -> Map.of("label", "cat", "for", payload.path("image")))
			.get(10, TimeUnit.SECONDS);

		JsonNode response = requester.request("model", Map.of("image", "img-1"));

		assertThat(served.path("payload").path("status").asString()).isEqualTo("serving");
		assertThat(response.path("payload").path("label").asString()).isEqualTo("cat");
		assertThat(response.path("payload").path("for").asString()).isEqualTo("img-1");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void clientBehavingLikeTheOriginalNodeClientServesAPythonClientsRequests(Transport transport) throws Exception {
		NodeStyleClient node = new NodeStyleClient(open(transport), APP);
		PythonStyleClient python = new PythonStyleClient(open(transport), APP);
		node.serve("render", (payload) -> Map.of("html", "<b>" + payload.path("text").asString() + "</b>"))
			.get(10, TimeUnit.SECONDS);

		JsonNode response = python.request("render", Map.of("text", "hi")).get(10, TimeUnit.SECONDS);

		assertThat(response.path("payload").path("html").asString()).isEqualTo("<b>hi</b>");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestWithNoResponderGetsNoHandlerAtOnce(Transport transport) {
		RawClient requester = connected(transport, APP);

		JsonNode response = requester.request("unserved", Map.of());

		assertThat(errorCode(response)).isEqualTo("NO_HANDLER");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unserveStopsForwarding(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "short-lived");

		JsonNode unserved = responder.awaitResponse(
				responder.send("system", "request", Map.of("action", "unserve", "channel_id", "short-lived")));
		JsonNode response = requester.request("short-lived", Map.of());

		assertThat(unserved.path("payload").path("status").asString()).isEqualTo("unserved");
		assertThat(errorCode(response)).isEqualTo("NO_HANDLER");
		assertThat(responder.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void closingTheConnectionStopsServing(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "closing");

		responder.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.relay.responderCount(APP, "closing") == 0);

		assertThat(errorCode(requester.request("closing", Map.of()))).isEqualTo("NO_HANDLER");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void localHandlerWinsOverAServingClientByDefault(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "echo");

		JsonNode response = requester.request("echo", Map.of("text", "local"));

		assertThat(response.path("payload").path("text").asString()).isEqualTo("local");
		assertThat(responder.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void serveNeedsAChannelOtherThanSystem(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode missing = client.awaitResponse(client.send("system", "request", Map.of("action", "serve")));
		JsonNode system = client
			.awaitResponse(client.send("system", "request", Map.of("action", "serve", "channel_id", "system")));

		assertThat(errorCode(missing)).isEqualTo("BAD_REQUEST");
		assertThat(errorCode(system)).isEqualTo("FORBIDDEN");
	}

}
