package dev.ipcframework;

import java.nio.ByteBuffer;
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
@TestPropertySource(properties = { "ipc.tcp.frame-timeout=60s", "ipc.connection.handshake-timeout=60s" })
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

	private static void assertEchoed(RawClient client, int i) {
		JsonNode response = client.request("echo", Map.of("i", i));
		assertThat(response.path("payload").path("i").asInt()).as("echo of %s", response).isEqualTo(i);
	}

}
