package dev.ipcframework;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that never complete a handshake, and peers that go silent, are closed; peers that answer the
 * server's pings stay.
 */
@TestPropertySource(properties = { "ipc.connection.handshake-timeout=500ms", "ipc.connection.idle-timeout=1500ms" })
class LivenessTests extends IpcServerTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void connectionWithoutHandshakeIsClosedAfterTheTimeout(Transport transport) {
		RawClient silent = open(transport);

		JsonNode error = silent.next();

		assertThat(error.path("payload").path("error").path("code").asString()).isEqualTo("TIMEOUT");
		assertThat(error.path("payload").path("error").path("message").asString()).contains("connect request");
		assertThat(silent.awaitClosed(Duration.ofSeconds(10))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void silentPeerIsPingedThenClosed(Transport transport) {
		RawClient client = connected(transport, "sleepy");

		JsonNode ping = client.next();

		assertThat(ping.path("channel_id").asString()).isEqualTo("system");
		assertThat(ping.path("message_type").asString()).isEqualTo("request");
		assertThat(ping.path("payload").path("action").asString()).isEqualTo("ping");
		assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void peerThatAnswersPingsStaysConnected(Transport transport) {
		RawClient client = connected(transport, TestHandlers.APP);

		for (int i = 0; i < 4; i++) {
			JsonNode ping = client.next();
			assertThat(ping.path("payload").path("action").asString()).isEqualTo("ping");
			client.sendJson(RawClient.envelope(TestHandlers.APP, "system", "response", Map.of("status", "pong"))
				.put("reply_to", ping.path("message_id").asString())
				.toString());
		}

		assertThat(client.isClosed()).isFalse();
		assertThat(client.request("echo", Map.of("alive", true)).path("payload").path("alive").asBoolean()).isTrue();
	}

}
