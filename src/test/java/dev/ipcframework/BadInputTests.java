package dev.ipcframework;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.ipcframework.testsupport.WireAssertions.assertErrorResponse;
import static dev.ipcframework.testsupport.WireAssertions.assertStillServed;
import static dev.ipcframework.testsupport.WireAssertions.assertSystemError;
import static dev.ipcframework.testsupport.WireAssertions.greetEnvelope;
import static dev.ipcframework.testsupport.WireAssertions.sendBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frames a conforming client would never send. Each bad frame gets its error, and the server keeps serving everyone
 * else: a bystander connected before the bad input is still answered after it, and when the bad input ends its
 * connection, a new client can still connect.
 */
class BadInputTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	// ---- garbage -------------------------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Transport.class)
	void randomBytesBeforeTheHandshakeAreABadFrameAndEndTheConnection(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = open(transport);

		sendBody(client, transport, randomBytes(256));

		assertSystemError(client.next(), "BAD_FRAME");
		assertThat(client.awaitClosed(CLOSE_WAIT)).isTrue();
		assertStillServed(bystander);
		assertNewClientIsServed(transport);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void randomBytesAfterTheHandshakeAreABadFrameAndTheConnectionStaysOpen(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);

		sendBody(client, transport, randomBytes(256));

		assertSystemError(client.next(), "BAD_FRAME");
		assertStillServed(client);
		assertThat(client.isClosed()).isFalse();
		assertStillServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void nonJsonTextIsABadFrame(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);

		client.sendJson("hello, this is {not JSON");

		JsonNode error = assertSystemError(client.next(), "BAD_FRAME");
		assertThat(error.path("message").asString()).contains("not valid JSON");
		assertStillServed(client);
		assertStillServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void jsonThatIsNotAnObjectIsABadFrame(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);

		for (String json : List.of("[1, 2, 3]", "[{\"message_type\": \"request\"}]", "42", "3.14", "\"request\"",
				"true", "null")) {
			client.sendJson(json);

			JsonNode error = assertSystemError(client.next(), "BAD_FRAME");
			assertThat(error.path("message").asString()).as("error for %s", json).contains("not a JSON object");
		}
		assertStillServed(client);
		assertStillServed(bystander);
	}

	// ---- missing and unknown fields ------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Transport.class)
	void missingMessageTypeIsABadFrame(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);
		ObjectNode envelope = RawClient.envelope(APP, "greet", "request", Map.of("name", "Ada", "age", 36));
		envelope.remove("message_type");

		client.sendJson(envelope.toString());

		JsonNode error = assertSystemError(client.next(), "BAD_FRAME");
		assertThat(error.path("message").asString()).contains("'message_type'");
		assertStillServed(client);
		assertStillServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void missingChannelIdOnARequestIsAnsweredWithABadFrameResponse(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);
		ObjectNode envelope = RawClient.envelope(APP, "greet", "request", Map.of("name", "Ada", "age", 36));
		envelope.remove("channel_id");
		String requestId = envelope.path("message_id").asString();

		client.sendJson(envelope.toString());

		JsonNode error = assertErrorResponse(client.next(), requestId, "BAD_FRAME");
		assertThat(error.path("message").asString()).contains("'channel_id'");
		assertStillServed(client);
		assertStillServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unknownMessageTypeIsABadFrame(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);

		client.sendJson(RawClient.envelope(APP, "greet", "shout", Map.of("name", "Ada", "age", 36)).toString());

		JsonNode error = assertSystemError(client.next(), "BAD_FRAME");
		assertThat(error.path("message").asString()).contains("'shout'");
		assertStillServed(client);
		assertStillServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void mistypedFieldIsABadFrameNamingTheField(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);

		// a numeric message_id cannot be replied to: the error is a notification
		ObjectNode numericId = greetEnvelope((envelope) -> envelope.put("message_id", 12345));
		client.sendJson(numericId.toString());
		JsonNode idError = assertSystemError(client.next(), "BAD_FRAME");
		assertThat(idError.path("message").asString()).contains("'message_id'");

		// a request with a usable id is answered with an error response
		ObjectNode stringTimestamp = greetEnvelope((envelope) -> envelope.put("timestamp", "yesterday"));
		client.sendJson(stringTimestamp.toString());
		JsonNode timestampError = assertErrorResponse(client.next(), stringTimestamp.path("message_id").asString(),
				"BAD_FRAME");
		assertThat(timestampError.path("message").asString()).contains("'timestamp'");

		ObjectNode objectApp = greetEnvelope((envelope) -> envelope.putObject("app_id").put("name", APP));
		client.sendJson(objectApp.toString());
		JsonNode appError = assertErrorResponse(client.next(), objectApp.path("message_id").asString(), "BAD_FRAME");
		assertThat(appError.path("message").asString()).contains("'app_id'");

		assertStillServed(client);
		assertStillServed(bystander);
	}

	// ---- handshake and identity ----------------------------------------------------------------------------------

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestBeforeTheHandshakeIsNotConnectedAndEndsTheConnection(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = open(transport);

		String requestId = client.send(APP, "greet", "request", Map.of("name", "Ada", "age", 36));

		assertErrorResponse(client.next(), requestId, "NOT_CONNECTED");
		assertThat(client.awaitClosed(CLOSE_WAIT)).isTrue();
		assertStillServed(bystander);
		assertNewClientIsServed(transport);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void connectWithAConnectionIdHeldByALiveConnectionIsRefused(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient holder = connected(transport, APP);
		RawClient intruder = open(transport);
		ObjectNode connect = RawClient.envelope(APP, "system", "request",
				Map.of("action", "connect", "connection_id", holder.connectionId()));

		intruder.sendJson(connect.toString());

		JsonNode error = assertErrorResponse(intruder.next(), connect.path("message_id").asString(),
				"CONNECTION_ID_IN_USE");
		assertThat(error.path("message").asString()).contains(holder.connectionId());
		assertThat(intruder.awaitClosed(CLOSE_WAIT)).isTrue();
		assertStillServed(holder);
		String whoamiId = holder.send("whoami", "request", Map.of());
		assertThat(holder.awaitResponse(whoamiId).path("payload").path("connection_id").asString())
			.isEqualTo(holder.connectionId());
		assertStillServed(bystander);
		assertNewClientIsServed(transport);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void frameNamingAnotherAppIsForbidden(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);

		String requestId = client.send("another_app", "greet", "request", Map.of("name", "Ada", "age", 36));

		JsonNode error = assertErrorResponse(client.next(), requestId, "FORBIDDEN");
		assertThat(error.path("message").asString()).contains("another_app");
		assertStillServed(client);
		assertStillServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void publishAndSubscribeOnSystemAreRefusedWithANoticeNamingTheRefusedMessage(Transport transport) {
		RawClient client = connected(transport, APP);

		String publishId = client.send("system", "publish", Map.of("text", "hi"));
		JsonNode publishRefusal = client.next();
		String subscribeId = client.send("system", "subscribe", Map.of("connection_id", client.connectionId()));
		JsonNode subscribeRefusal = client.next();

		assertThat(assertSystemError(publishRefusal, "FORBIDDEN").path("message").asString()).contains("publish");
		assertThat(publishRefusal.path("reply_to").asString()).isEqualTo(publishId);
		assertThat(assertSystemError(subscribeRefusal, "FORBIDDEN").path("message").asString()).contains("subscribe");
		assertThat(subscribeRefusal.path("reply_to").asString()).isEqualTo(subscribeId);
		assertStillServed(client);
	}

	// ---- helpers -------------------------------------------------------------------------------------------------

	private void assertNewClientIsServed(Transport transport) {
		assertStillServed(connected(transport, APP));
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(20241124L).nextBytes(bytes);
		// never start like a JSON value, whatever the seed
		bytes[0] = (byte) 0xFE;
		return bytes;
	}

}
