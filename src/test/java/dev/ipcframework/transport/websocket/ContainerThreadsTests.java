package dev.ipcframework.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSocket messages are handled on the Tomcat thread that read them, and their replies written once it has read
 * all there was; handlers that block still leave half of Tomcat's threads to HTTP. Tomcat runs with four threads
 * here, so that half is two.
 */
@TestPropertySource(properties = { "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1" })
class ContainerThreadsTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private TestHandlers handlers;

	@AfterEach
	void releaseSlowHandlers() {
		this.handlers.slowGate.countDown();
	}

	@Test
	void handlersThatBlockLeaveHalfTheContainerThreadsForHttp() {
		this.handlers.slowGate = new CountDownLatch(1);
		int before = this.handlers.slowWaiting.get();
		List<RawClient> clients = new ArrayList<>();
		List<String> requests = new ArrayList<>();
		for (int i = 1; i <= 3; i++) {
			RawClient client = connected(Transport.WEBSOCKET, APP);
			clients.add(client);
			requests.add(client.send("slow-thread", "request", Map.of()));
			int waiting = before + i;
			await().atMost(RawClient.TIMEOUT).until(() -> this.handlers.slowWaiting.get() == waiting);
		}

		// two of the four container threads are blocked in handlers, the third handler runs on the handler pool
		JsonNode health = new ActuatorClient(this.httpPort).read("/actuator/health");
		assertThat(health.path("status").asString()).isEqualTo("UP");
		this.handlers.slowGate.countDown();

		List<String> threads = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			threads.add(clients.get(i).awaitResponse(requests.get(i)).path("payload").asString());
		}
		assertThat(threads.subList(0, 2)).allSatisfy((thread) -> assertThat(thread).contains("-exec-"));
		assertThat(threads.get(2)).startsWith("ipc-handler-");
	}

	@Test
	void repliesToMessagesReadTogetherAllArriveInOrderWithoutMoreInput() throws IOException {
		int count = 300;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.httpPort), 5_000);
			socket.setSoTimeout((int) RawClient.TIMEOUT.toMillis());
			DataInputStream in = new DataInputStream(socket.getInputStream());
			OutputStream out = socket.getOutputStream();
			upgrade(in, out);
			out.write(maskedText(RawClient.envelope(APP, "system", "request", Map.of("action", "connect", "connection_id", "pipelined"))));
			assertThat(readText(in).path("payload").path("status").asString()).isEqualTo("connected");

			// far more messages than are handled before a write, in one write: nothing follows them
			ByteArrayOutputStream batch = new ByteArrayOutputStream();
			List<String> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ObjectNode request = RawClient.envelope(APP, "echo", "request", Map.of("n", i));
				sent.add(request.path("message_id").asString());
				batch.writeBytes(maskedText(request));
			}
			out.write(batch.toByteArray());

			List<String> answered = new ArrayList<>();
			while (answered.size() < count) {
				answered.add(readText(in).path("reply_to").asString());
			}
			assertThat(answered).isEqualTo(sent);
		}
	}

	private void upgrade(DataInputStream in, OutputStream out) throws IOException {
		out.write(("GET /ipc HTTP/1.1\r\nHost: 127.0.0.1:" + this.httpPort + "\r\nUpgrade: websocket\r\n"
				+ "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			head.append((char) in.readUnsignedByte());
		}
		assertThat(head.toString()).startsWith("HTTP/1.1 101");
	}

	/** A client text frame: masked, as clients must, with a key that changes every byte. */
	private static byte[] maskedText(ObjectNode envelope) {
		byte[] payload = envelope.toString().getBytes(StandardCharsets.UTF_8);
		byte[] mask = { 0x12, 0x34, 0x56, 0x78 };
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(payload.length >> 8);
			frame.write(payload.length & 0xff);
		}
		frame.writeBytes(mask);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i % 4]);
		}
		return frame.toByteArray();
	}

	/** Reads the next server text frame (unmasked, not fragmented) as JSON. */
	private static JsonNode readText(DataInputStream in) throws IOException {
		int opcode = in.readUnsignedByte() & 0x0f;
		int length = in.readUnsignedByte() & 0x7f;
		if (length == 126) {
			length = in.readUnsignedShort();
		}
		else if (length == 127) {
			length = Math.toIntExact(in.readLong());
		}
		byte[] payload = in.readNBytes(length);
		assertThat(opcode).as("a text frame").isEqualTo(1);
		return JSON.readTree(payload);
	}

}
