package dev.ipcframework;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.stats.StatisticsCollector;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.WebSocketRawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.ipcframework.testsupport.WireAssertions.assertGreeted;
import static dev.ipcframework.testsupport.WireAssertions.assertStillServed;
import static dev.ipcframework.testsupport.WireAssertions.assertSystemError;
import static dev.ipcframework.testsupport.WireAssertions.greetEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Frames as the transports carry them: oversized, empty, split over many writes, many in one write, binary and
 * text WebSocket messages. Each gets its answer or its error, and the server keeps serving everyone else.
 */
class FramingTests extends IpcServerTest {

	@Autowired
	private StatisticsCollector statistics;

	private static final String APP = TestHandlers.APP;

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

	/** The frame limit of both transports when not configured. */
	private static final int DEFAULT_MAX_FRAME = 1024 * 1024;

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
	void messagesManyTimesTheContainersBufferArriveWhole() {
		WebSocketRawClient client = (WebSocketRawClient) connected(Transport.WEBSOCKET, APP);
		// about 300 KB in characters of 1 to 4 bytes, so that the container's parts end inside some of them
		String blob = "aé€😀".repeat(30_000);

		JsonNode inOneMessage = client.request("echo", Map.of("blob", blob));
		client.sendBytes(RawClient.envelope(APP, "echo", "request", Map.of("blob", blob)).toString()
			.getBytes(StandardCharsets.UTF_8));
		JsonNode inBinary = client.next();
		client.sendTextInParts(RawClient.envelope(APP, "echo", "request", Map.of("blob", blob)).toString(), 7_001);
		JsonNode inFragments = client.next();

		assertThat(inOneMessage.path("payload").path("blob").asString()).isEqualTo(blob);
		assertThat(inBinary.path("payload").path("blob").asString()).isEqualTo(blob);
		assertThat(inFragments.path("payload").path("blob").asString()).isEqualTo(blob);
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

	// ---- helpers -------------------------------------------------------------------------------------------------

	private void assertNewClientIsServed(Transport transport) {
		assertStillServed(connected(transport, APP));
	}

	private static byte[] frame(byte[] body) {
		return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
	}

}
