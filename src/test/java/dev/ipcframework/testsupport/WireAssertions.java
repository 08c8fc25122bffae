package dev.ipcframework.testsupport;

import java.util.Map;
import java.util.function.Consumer;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bad-input tests send and expect: a greeting request to the test application, and the shapes of error
 * notices, error responses and greetings.
 */
public final class WireAssertions {

	private static final String APP = TestHandlers.APP;

	private WireAssertions() {
	}

	/** A body as its transport carries raw bytes: a TCP frame, or a binary WebSocket message. */
	public static void sendBody(RawClient client, Transport transport, byte[] body) {
		if (transport == Transport.TCP) {
			client.sendFrame(body);
		}
		else {
			client.sendBytes(body);
		}
	}

	/** A greet request to the test application, changed as the test needs. */
	public static ObjectNode greetEnvelope(Consumer<ObjectNode> change) {
		ObjectNode envelope = RawClient.envelope(APP, "greet", "request", Map.of("name", "Ada", "age", 36));
		change.accept(envelope);
		return envelope;
	}

	/** Asserts an error notification on channel system and returns its error. */
	public static JsonNode assertSystemError(JsonNode frame, String code) {
		assertThat(frame.path("message_type").asString()).as("type of %s", frame).isEqualTo("notification");
		assertThat(frame.path("channel_id").asString()).as("channel of %s", frame).isEqualTo("system");
		JsonNode error = frame.path("payload").path("error");
		assertThat(error.path("code").asString()).as("code of %s", frame).isEqualTo(code);
		assertThat(error.path("message").asString()).isNotEmpty();
		return error;
	}

	/** Asserts an error response to the request and returns its error. */
	public static JsonNode assertErrorResponse(JsonNode frame, String requestId, String code) {
		assertThat(frame.path("message_type").asString()).as("type of %s", frame).isEqualTo("response");
		assertThat(frame.path("reply_to").asString()).as("reply_to of %s", frame).isEqualTo(requestId);
		JsonNode error = frame.path("payload").path("error");
		assertThat(error.path("code").asString()).as("code of %s", frame).isEqualTo(code);
		assertThat(error.path("message").asString()).isNotEmpty();
		return error;
	}

	/** Asserts the greeting that answers {@link #greetEnvelope} with id {@code requestId}. */
	public static JsonNode assertGreeted(JsonNode frame, String requestId) {
		assertThat(frame.path("message_type").asString()).as("type of %s", frame).isEqualTo("response");
		assertThat(frame.path("reply_to").asString()).as("reply_to of %s", frame).isEqualTo(requestId);
		assertThat(frame.path("channel_id").asString()).isEqualTo("greet");
		assertThat(frame.path("payload").path("text").asString()).as("payload of %s", frame).isEqualTo("Hello, Ada");
		assertThat(frame.path("payload").path("nextAge").asInt()).isEqualTo(37);
		return frame;
	}

	/** Asserts that the client is still answered. */
	public static void assertStillServed(RawClient client) {
		JsonNode response = client.request("greet", Map.of("name", "Ada", "age", 36));
		assertThat(response.path("payload").path("text").asString()).as("greeting %s", response)
			.isEqualTo("Hello, Ada");
	}

}
