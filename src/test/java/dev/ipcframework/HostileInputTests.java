package dev.ipcframework;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.transport.tcp.LengthHeaderFrameCodec;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.WebSocketRawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input over real sockets: deep nesting, strings as long as a frame, bytes that are not UTF-8, duplicate
 * keys, and length prefixes that promise more than ever arrives. Each gets an error or a timeout; the server keeps
 * serving a bystander, and no thread stays stuck on a frame that never ends.
 */
@TestPropertySource(properties = { "ipc.tcp.frame-timeout=1s", "ipc.connection.handshake-timeout=60s" })
class HostileInputTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final int MAX_FRAME = 1024 * 1024;

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(15);

	@Autowired
	private ConnectionRegistry connections;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tenThousandLevelsOfNestingAreABadFrame(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);
		ObjectNode request = RawClient.envelope(APP, "echo", "request", Map.of());
		String json = request.toString().replace("\"payload\":{}",
				"\"payload\":" + "[".repeat(10_000) + "]".repeat(10_000));

		client.sendJson(json);

		JsonNode error = assertError(client.next(), "BAD_FRAME");
		assertThat(error.path("message").asString()).contains("nesting depth");
		assertServed(client);
		assertServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void nestingWithinTheLimitIsEchoed(Transport transport) {
		RawClient client = connected(transport, APP);
		int depth = EnvelopeCodec.MAX_NESTING_DEPTH - 10;
		ObjectNode request = RawClient.envelope(APP, "echo", "request", Map.of());
		String json = request.toString().replace("\"payload\":{}", "\"payload\":" + "[".repeat(depth) + "]".repeat(depth));

		client.sendJson(json);

		JsonNode response = client.awaitResponse(request.path("message_id").asString());
		assertThat(response.path("payload").toString()).isEqualTo("[".repeat(depth) + "]".repeat(depth));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aStringFillingTheWholeFrameIsHandledAndOneByteMoreIsTooLarge(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);
		String template = RawClient.envelope(APP, "echo", "request", Map.of("blob", "")).toString();
		String exact = template.replace("\"blob\":\"\"", "\"blob\":\"" + "x".repeat(MAX_FRAME - template.length()) + "\"");
		assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_FRAME);

		client.sendJson(exact);

		JsonNode response = client.next();
		assertThat(response.path("payload").path("blob").asString()).hasSize(MAX_FRAME - template.length());
		assertServed(client);

		String over = exact.replace("\"blob\":\"x", "\"blob\":\"xy");
		if (transport == Transport.TCP) {
			// the header and a first part: the server answers from the header 
			byte[] body = over.getBytes(StandardCharsets.UTF_8);
			client.sendBytes(ByteBuffer.allocate(4 + 64 * 1024).putInt(body.length).put(body, 0, 64 * 1024).array());
		}
		else {
			((dev.ipcframework.testsupport.WebSocketRawClient) client).sendTextInParts(over, 64 * 1024);
		}
		assertError(client.next(), "FRAME_TOO_LARGE");
		assertThat(client.awaitClosed(CLOSE_WAIT)).isTrue();
		assertServed(bystander);
	}

	/**
	 * Bytes that are not well-formed UTF-8 inside a string, overlong forms ({@code C0 AF} is an overlong {@code /})
	 * and encoded surrogates included, in TCP frames and WebSocket binary messages: {@code BAD_FRAME} for each, and
	 * the connection keeps serving.
	 */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void invalidUtf8IsABadFrameAndTheConnectionKeepsServing(Transport transport) {
		RawClient bystander = connected(transport, APP);
		RawClient client = connected(transport, APP);

		for (String hex : List.of("FE", "80", "C0AF", "E080AF", "E282", "EDA080", "F4908080")) {
			ObjectNode request = RawClient.envelope(APP, "echo", "request", Map.of("text", "@@"));
			String[] halves = request.toString().split("@@");
			byte[] body = concat(halves[0].getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(hex),
					halves[1].getBytes(StandardCharsets.UTF_8));
			if (transport == Transport.TCP) {
				client.sendFrame(body);
			}
			else {
				client.sendBytes(body);
			}

			assertError(client.next(), "BAD_FRAME");
		}
		assertServed(client);
		assertServed(bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void withDuplicateKeysTheLastOneWins(Transport transport) {
		RawClient client = connected(transport, APP);
		ObjectNode request = RawClient.envelope(APP, "greet", "request", Map.of("name", "Ada", "age", 36));
		String json = request.toString().replace("\"channel_id\":\"greet\"",
				"\"channel_id\":\"no-such-channel\",\"channel_id\":\"greet\"");

		client.sendJson(json);

		JsonNode response = client.awaitResponse(request.path("message_id").asString());
		assertThat(response.path("channel_id").asString()).isEqualTo("greet");
		assertThat(response.path("payload").path("text").asString()).isEqualTo("Hello, Ada");
	}

	/**
	 * Many stalled frames: every one is closed after the frame timeout, a bystander keeps being served throughout,
	 * and no connection's reading thread is left waiting inside a frame.
	 */
	@Test
	void lengthPrefixesThatPromiseMoreThanEverArrivesTimeOutAndHoldNoThread() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		RawClient bystander = connected(Transport.TCP, APP);
		int threadsBefore = threads.getThreadCount();
		List<RawClient> stalled = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			// half before the handshake, half after; some stall in the header, some in the body
			RawClient client = (i % 2 == 0) ? open(Transport.TCP) : connected(Transport.TCP, APP);
			byte[] frame = ByteBuffer.allocate(4 + 10).putInt(MAX_FRAME).put(new byte[10]).array();
			client.sendBytes((i % 4 < 2) ? frame : Arrays.copyOf(frame, 2));
			stalled.add(client);
		}

		assertServed(bystander);
		for (RawClient client : stalled) {
			assertThat(client.awaitClosed(CLOSE_WAIT)).as("stalled connection closed").isTrue();
		}
		assertServed(bystander);
		assertServed(connected(Transport.TCP, APP));
		await().atMost(CLOSE_WAIT).untilAsserted(() -> assertThat(readersInsideAFrame()).isZero());
		assertThat(threads.getThreadCount()).isLessThan(threadsBefore + 64);
		await().atMost(CLOSE_WAIT).untilAsserted(() -> assertThat(this.connections.openCount()).isEqualTo(2));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aPeerThatClosesInsideAFrameLeavesNothingBehind(CapturedOutput output) {
		RawClient bystander = connected(Transport.TCP, APP);
		for (int i = 0; i < 10; i++) {
			RawClient client = connected(Transport.TCP, APP);
			client.sendBytes(ByteBuffer.allocate(4 + 100).putInt(1000).put(new byte[100]).array());
			client.close();
		}

		await().atMost(CLOSE_WAIT).untilAsserted(() -> assertThat(this.connections.openCount()).isEqualTo(1));
		await().atMost(CLOSE_WAIT).untilAsserted(() -> assertThat(readersInsideAFrame()).isZero());
		assertServed(bystander);
		// the peers' doing, not the server's: no error in the log for a client to fill it with
		assertThat(output.getAll()).doesNotContain("Read exception").doesNotContain(" ERROR ");
	}

	/** A WebSocket message begun and never finished ends the session like a stalled TCP frame. */
	@Test
	void anUnfinishedWebSocketMessageTimesOutLikeATcpFrame() {
		RawClient bystander = connected(Transport.WEBSOCKET, APP);
		WebSocketRawClient stalled = (WebSocketRawClient) connected(Transport.WEBSOCKET, APP);

		stalled.sendFirstPart("{\"message_id\":\"m1\",\"channel_id\":\"echo\",\"payload\":\"" + "x".repeat(1000));

		assertThat(stalled.awaitClosed(Duration.ofSeconds(10))).as("closed after the frame timeout").isTrue();
		assertServed(bystander);
	}

	/** A first frame whose text would forge a log line is refused, and logged escaped. */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void clientTextCannotForgeLogLines(CapturedOutput output) {
		RawClient client = open(Transport.TCP);
		ObjectNode connect = RawClient.envelope(APP, "system", "request\nFORGED ERROR line\u0000", Map.of());

		client.sendJson(connect.toString());

		assertError(client.next(), "BAD_FRAME");
		assertThat(client.awaitClosed(CLOSE_WAIT)).isTrue();
		await().atMost(CLOSE_WAIT).untilAsserted(() -> assertThat(output.getAll()).contains("FORGED ERROR line"));
		assertThat(output.getAll()).doesNotContain("\nFORGED").doesNotContain("\u0000")
			.contains("\\u000aFORGED ERROR line\\u0000");
	}

	/**
	 * Connection reading threads blocked inside a frame, waiting for the rest of it (platform threads: on Java 17,
	 * where the tests run, connections are read by those).
	 */
	private static long readersInsideAFrame() {
		return Thread.getAllStackTraces().entrySet().stream()
			.filter((entry) -> entry.getKey().getName().startsWith("ipc-tcp-"))
			.filter((entry) -> Arrays.stream(entry.getValue())
				.anyMatch((frame) -> frame.getClassName().equals(LengthHeaderFrameCodec.class.getName())
						&& frame.getMethodName().equals("readFully")))
			.count();
	}

	private static JsonNode assertError(JsonNode frame, String code) {
		assertThat(frame.path("payload").path("error").path("code").asString()).as("code of %s", frame)
			.isEqualTo(code);
		return frame.path("payload").path("error");
	}

	private static void assertServed(RawClient client) {
		JsonNode response = client.request("greet", Map.of("name", "Ada", "age", 36));
		assertThat(response.path("payload").path("text").asString()).as("greeting %s", response)
			.isEqualTo("Hello, Ada");
	}

	private static byte[] concat(byte[]... parts) {
		ByteBuffer buffer = ByteBuffer.allocate(Arrays.stream(parts).mapToInt((part) -> part.length).sum());
		for (byte[] part : parts) {
			buffer.put(part);
		}
		return buffer.array();
	}

}
