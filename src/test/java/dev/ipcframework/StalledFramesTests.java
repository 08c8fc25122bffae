package dev.ipcframework;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hundred peers that each start a frame and stall (slowloris) cost the server a buffer each and nothing that
 * other clients need: while every one of them is still inside its frame, a bystander is answered and new clients
 * connect. The frame timeout is long here, so that the stalled frames stay stalled throughout.
 */
@TestPropertySource(properties = { "ipc.tcp.frame-timeout=60s", "ipc.connection.handshake-timeout=60s",
		"ipc.tcp.max-frame-size=2KB" })
class StalledFramesTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final int STALLED = 100;

	@Test
	void stalledFramesDelayNoOne() {
		RawClient bystander = connected(Transport.TCP, APP);
		List<RawClient> stalled = new ArrayList<>();
		for (int i = 0; i < STALLED; i++) {
			// half before the handshake, half after; half inside the header, half inside the body
			RawClient client = (i % 2 == 0) ? open(Transport.TCP) : connected(Transport.TCP, APP);
			byte[] frame = ByteBuffer.allocate(4 + 10).putInt(1000).put(new byte[10]).array();
			client.sendBytes((i % 4 < 2) ? frame : new byte[] { frame[0], frame[1] });
			stalled.add(client);
		}

		for (int i = 0; i < 20; i++) {
			assertEchoed(bystander, i);
		}
		for (int i = 0; i < 5; i++) {
			assertEchoed(connected(Transport.TCP, APP), i);
			assertEchoed(connected(Transport.WEBSOCKET, APP), i);
		}
		assertThat(stalled).as("stalled connections still open, still inside their frames")
			.noneMatch((client) -> client.awaitClosed(Duration.ZERO));
	}

	/**
	 * A publish followed, in the same write, by a frame that ends the connection (too large): the publish was
	 * handled in a burst that waited for that next frame, and still reaches the subscriber.
	 */
	@Test
	void aPublishBeforeAConnectionsLastFrameStillReachesItsSubscribers() {
		RawClient subscriber = connected(Transport.TCP, APP);
		subscriber.send("news", "subscribe", Map.of());
		subscriber.sync();
		RawClient publisher = connected(Transport.TCP, APP);
		byte[] publish = RawClient.envelope(APP, "news", "publish", Map.of("n", 1)).toString()
			.getBytes(StandardCharsets.UTF_8);
		int oversized = 3000;

		publisher.sendBytes(ByteBuffer.allocate(4 + publish.length + 4 + oversized)
			.putInt(publish.length)
			.put(publish)
			.putInt(oversized)
			.put(new byte[oversized])
			.array());

		assertThat(publisher.next().path("payload").path("error").path("code").asString()).isEqualTo("FRAME_TOO_LARGE");
		JsonNode delivered = subscriber.next();
		assertThat(delivered.path("channel_id").asString()).isEqualTo("news");
		assertThat(delivered.path("payload").path("n").asInt()).isEqualTo(1);
	}

	private static void assertEchoed(RawClient client, int i) {
		JsonNode response = client.request("echo", Map.of("i", i));
		assertThat(response.path("payload").path("i").asInt()).as("echo of %s", response).isEqualTo(i);
	}

}
