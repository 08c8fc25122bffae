package dev.ipcframework;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static dev.ipcframework.testsupport.WireAssertions.assertGreeted;
import static dev.ipcframework.testsupport.WireAssertions.greetEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the original server tolerated (docs/protocol.md, "The envelope") is accepted without an error.
 */
class LiberalInputTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	// ---- liberal input (docs/protocol.md, "The envelope") --------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Transport.class)
	void missingReplyToIsAccepted(Transport transport) {
		RawClient client = connected(transport, APP);
		ObjectNode request = greetEnvelope((envelope) -> envelope.remove("reply_to"));

		client.sendJson(request.toString());

		assertGreeted(client.next(), request.path("message_id").asString());
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void nullMissingOrEmptyMessageIdIsAssignedOne(Transport transport) {
		RawClient client = connected(transport, APP);
		List<ObjectNode> requests = List.of(greetEnvelope((envelope) -> envelope.putNull("message_id")),
				greetEnvelope((envelope) -> envelope.remove("message_id")),
				greetEnvelope((envelope) -> envelope.put("message_id", "")));
		Set<String> assigned = new HashSet<>();

		for (ObjectNode request : requests) {
			client.sendJson(request.toString());

			JsonNode response = client.next();
			assertThat(response.path("message_type").asString()).as("answer to %s", request).isEqualTo("response");
			assertThat(response.path("reply_to").isString()).as("reply_to of %s", response).isTrue();
			assertThat(response.path("reply_to").asString()).isNotEmpty();
			assertThat(response.path("payload").has("error")).as("error in %s", response).isFalse();
			assertThat(response.path("payload").path("text").asString()).isEqualTo("Hello, Ada");
			assigned.add(response.path("reply_to").asString());
		}
		assertThat(assigned).hasSize(3);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void timestampInMillisecondsAsAnIntegerOrMissingIsAccepted(Transport transport) {
		RawClient client = connected(transport, APP);
		long millis = System.currentTimeMillis();
		List<ObjectNode> requests = List.of(greetEnvelope((envelope) -> envelope.put("timestamp", millis)),
				greetEnvelope((envelope) -> envelope.put("timestamp", millis / 1000)),
				greetEnvelope((envelope) -> envelope.put("timestamp", (double) millis)),
				greetEnvelope((envelope) -> envelope.put("timestamp", 0)),
				greetEnvelope((envelope) -> envelope.putNull("timestamp")),
				greetEnvelope((envelope) -> envelope.remove("timestamp")));

		for (ObjectNode request : requests) {
			client.sendJson(request.toString());

			JsonNode response = assertGreeted(client.next(), request.path("message_id").asString());
			assertThat(response.path("timestamp").asDouble()).as("timestamp answering %s", request)
				.isCloseTo(millis / 1000.0, org.assertj.core.data.Offset.offset(60.0));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void nonObjectPayloadIsAccepted(Transport transport) {
		RawClient client = connected(transport, APP);
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		List<JsonNode> payloads = List.of(nodes.stringNode("just text"), nodes.numberNode(42),
				nodes.numberNode(2.5), nodes.booleanNode(true), nodes.arrayNode().add(1).add("two").add(false));

		for (JsonNode payload : payloads) {
			ObjectNode request = RawClient.envelope(APP, "echo", "request", Map.of());
			request.set("payload", payload);
			client.sendJson(request.toString());

			JsonNode response = client.next();
			assertThat(response.path("message_type").asString()).isEqualTo("response");
			assertThat(response.path("reply_to").asString()).isEqualTo(request.path("message_id").asString());
			assertThat(response.path("payload")).as("echo of %s", payload).isEqualTo(payload);
		}
	}

}
