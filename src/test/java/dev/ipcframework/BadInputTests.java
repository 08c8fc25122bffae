package dev.ipcframework;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.stats.StatisticsCollector;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.WebSocketRawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Frames a conforming client would never send, and frames the original server tolerated. Each bad frame gets its
 * error, and the server keeps serving everyone else: a bystander connected before the bad input is still answered
 * after it, and when the bad input ends its connection, a new client can still connect.
 */
class BadInputTests extends IpcServerTest {

	@Autowired
	private StatisticsCollector statistics;

	private static final String APP = TestHandlers.APP;

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	/** The frame limit of both transports when not configured. */
	private static final int DEFAULT_MAX_FRAME = 1024 * 1024;

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

	// ---- TCP framing ---------------------------------------------------------------------------------------------

	@Test
	void lengthPrefixOfTwoGibibytesIsFrameTooLargeAndEndsTheConnection() {
		RawClient bystander = connected(Transport.TCP, APP);
		RawClient client = connected(Transport.TCP, APP);

		long countedBefore = this.statistics.errors(IpcErrorCode.FRAME_TOO_LARGE);
		// only the header: the server must answer from it, without waiting for (or allocating) the body
		client.sendBytes(new byte[] { (byte) 0x80, 0, 0, 0 });

		JsonNode frame = client.next();
		JsonNode error = assertSystemError(frame, "FRAME_TOO_LARGE");
		assertThat(error.path("message").asString()).contains("2147483648");
		assertThat(frame.path("app_id").asString()).isEqualTo(APP);
		assertThat(this.statistics.errors(IpcErrorCode.FRAME_TOO_LARGE) - countedBefore).isEqualTo(1);
		assertThat(client.awaitClosed(CLOSE_WAIT)).isTrue();
		assertStillServed(bystander);
		assertNewClientIsServed(Transport.TCP);
	}

	@Test
	void oversizedFrameSentWithItsWholeBodyIsAnsweredAndClosedPromptly() {
		RawClient bystander = connected(Transport.TCP, APP);
		RawClient client = connected(Transport.TCP, APP);
		byte[] body = new byte[2 * 1024 * 1024];

		// the body keeps arriving after the header was refused; the close must not wait for it to stop
		Thread sender = new Thread(() -> catchThrowable(() -> client.sendFrame(body)));
		sender.setDaemon(true);
		sender.start();

		assertSystemError(client.next(), "FRAME_TOO_LARGE");
		assertThat(client.awaitClosed(Duration.ofSeconds(5))).isTrue();
		assertStillServed(bystander);
	}

	@Test
	void zeroLengthFrameIsABadFrame() {
		RawClient bystander = connected(Transport.TCP, APP);
		RawClient client = connected(Transport.TCP, APP);

		client.sendBytes(new byte[] { 0, 0, 0, 0 });

		JsonNode error = assertSystemError(client.next(), "BAD_FRAME");
		assertThat(error.path("message").asString()).contains("empty");
		assertStillServed(client);
		assertStillServed(bystander);
	}

	@Test
	void frameWrittenByteByByteIsAnswered() throws InterruptedException {
		RawClient bystander = connected(Transport.TCP, APP);
		RawClient client = connected(Transport.TCP, APP);
		ObjectNode request = greetEnvelope((envelope) -> {
		});
		byte[] frame = frame(request.toString().getBytes(StandardCharsets.UTF_8));

		client.sendBytes(new byte[] { frame[0], frame[1], frame[2], frame[3] });
		Thread.sleep(20);
		for (int i = 4; i < frame.length; i++) {
			client.sendBytes(new byte[] { frame[i] });
			if (i % 8 == 0) {
				Thread.sleep(1);
			}
		}

		assertGreeted(client.next(), request.path("message_id").asString());
		assertStillServed(bystander);
	}

	@Test
	void frameWrittenInSevenByteChunksIsAnswered() throws InterruptedException {
		RawClient bystander = connected(Transport.TCP, APP);
		RawClient client = connected(Transport.TCP, APP);
		ObjectNode first = greetEnvelope((envelope) -> {
		});
		ObjectNode second = greetEnvelope((envelope) -> {
		});
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(frame(first.toString().getBytes(StandardCharsets.UTF_8)));
		bytes.writeBytes(frame(second.toString().getBytes(StandardCharsets.UTF_8)));
		byte[] both = bytes.toByteArray();

		// chunks that straddle the headers and the boundary between the two frames
		for (int start = 0; start < both.length; start += 7) {
			client.sendBytes(java.util.Arrays.copyOfRange(both, start, Math.min(both.length, start + 7)));
			Thread.sleep(2);
		}

		assertGreeted(client.next(), first.path("message_id").asString());
		assertGreeted(client.next(), second.path("message_id").asString());
		assertStillServed(bystander);
	}

	@Test
	void manyFramesInOneWriteAreAllAnswered() {
		RawClient bystander = connected(Transport.TCP, APP);
		RawClient client = connected(Transport.TCP, APP);
		Map<String, Integer> pending = new HashMap<>();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < 50; i++) {
			ObjectNode request = RawClient.envelope(APP, "echo", "request", Map.of("n", i));
			pending.put(request.path("message_id").asString(), i);
			bytes.writeBytes(frame(request.toString().getBytes(StandardCharsets.UTF_8)));
		}

		client.sendBytes(bytes.toByteArray());

		for (int i = 0; i < 50; i++) {
			JsonNode response = client.next();
			assertThat(response.path("message_type").asString()).isEqualTo("response");
			Integer n = pending.remove(response.path("reply_to").asString());
			assertThat(n).as("request answered by %s", response).isNotNull();
			assertThat(response.path("payload").path("n").asInt()).isEqualTo(n);
		}
		assertThat(pending).isEmpty();
		assertStillServed(bystander);
	}

	// ---- WebSocket messages --------------------------------------------------------------------------------------

	@Test
	void binaryMessageCarryingARequestIsAnswered() {
		RawClient bystander = connected(Transport.WEBSOCKET, APP);
		RawClient client = connected(Transport.WEBSOCKET, APP);
		ObjectNode request = greetEnvelope((envelope) -> {
		});

		client.sendBytes(request.toString().getBytes(StandardCharsets.UTF_8));

		assertGreeted(client.next(), request.path("message_id").asString());
		assertStillServed(bystander);
	}

	@Test
	void textMessageOverTheFrameLimitIsFrameTooLargeAndEndsTheConnection() {
		RawClient bystander = connected(Transport.WEBSOCKET, APP);
		RawClient client = connected(Transport.WEBSOCKET, APP);
		String huge = RawClient
			.envelope(APP, "echo", "request", Map.of("blob", "x".repeat(DEFAULT_MAX_FRAME + DEFAULT_MAX_FRAME / 10)))
			.toString();

		// the server may close while the rest is still on its way; what matters is what it answers
		catchThrowable(() -> ((WebSocketRawClient) client).sendTextInParts(huge, 64 * 1024));

		JsonNode frame = client.next();
		JsonNode error = assertSystemError(frame, "FRAME_TOO_LARGE");
		assertThat(error.path("message").asString()).contains(String.valueOf(DEFAULT_MAX_FRAME));
		assertThat(frame.path("app_id").asString()).isEqualTo(APP);
		assertThat(client.awaitClosed(CLOSE_WAIT)).isTrue();
		assertStillServed(bystander);
		assertNewClientIsServed(Transport.WEBSOCKET);
	}

	// ---- liberal input (PROTOCOL.md section 1) -------------------------------------------------------------------

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

	// ---- helpers -------------------------------------------------------------------------------------------------

	/** A body as its transport carries raw bytes: a TCP frame, or a binary WebSocket message. */
	private static void sendBody(RawClient client, Transport transport, byte[] body) {
		if (transport == Transport.TCP) {
			client.sendFrame(body);
		}
		else {
			client.sendBytes(body);
		}
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		new Random(20241124L).nextBytes(bytes);
		// never start like a JSON value, whatever the seed
		bytes[0] = (byte) 0xFE;
		return bytes;
	}

	private static byte[] frame(byte[] body) {
		return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
	}

	private static ObjectNode greetEnvelope(Consumer<ObjectNode> change) {
		ObjectNode envelope = RawClient.envelope(APP, "greet", "request", Map.of("name", "Ada", "age", 36));
		change.accept(envelope);
		return envelope;
	}

	/** Asserts an error notification on channel system and returns its error. */
	private static JsonNode assertSystemError(JsonNode frame, String code) {
		assertThat(frame.path("message_type").asString()).as("type of %s", frame).isEqualTo("notification");
		assertThat(frame.path("channel_id").asString()).as("channel of %s", frame).isEqualTo("system");
		JsonNode error = frame.path("payload").path("error");
		assertThat(error.path("code").asString()).as("code of %s", frame).isEqualTo(code);
		assertThat(error.path("message").asString()).isNotEmpty();
		return error;
	}

	/** Asserts an error response to the request and returns its error. */
	private static JsonNode assertErrorResponse(JsonNode frame, String requestId, String code) {
		assertThat(frame.path("message_type").asString()).as("type of %s", frame).isEqualTo("response");
		assertThat(frame.path("reply_to").asString()).as("reply_to of %s", frame).isEqualTo(requestId);
		JsonNode error = frame.path("payload").path("error");
		assertThat(error.path("code").asString()).as("code of %s", frame).isEqualTo(code);
		assertThat(error.path("message").asString()).isNotEmpty();
		return error;
	}

	private static JsonNode assertGreeted(JsonNode frame, String requestId) {
		assertThat(frame.path("message_type").asString()).as("type of %s", frame).isEqualTo("response");
		assertThat(frame.path("reply_to").asString()).as("reply_to of %s", frame).isEqualTo(requestId);
		assertThat(frame.path("channel_id").asString()).isEqualTo("greet");
		assertThat(frame.path("payload").path("text").asString()).as("payload of %s", frame).isEqualTo("Hello, Ada");
		assertThat(frame.path("payload").path("nextAge").asInt()).isEqualTo(37);
		return frame;
	}

	private static void assertStillServed(RawClient client) {
		JsonNode response = client.request("greet", Map.of("name", "Ada", "age", 36));
		assertThat(response.path("payload").path("text").asString()).as("greeting %s", response)
			.isEqualTo("Hello, Ada");
	}

	private void assertNewClientIsServed(Transport transport) {
		assertStillServed(connected(transport, APP));
	}

}
