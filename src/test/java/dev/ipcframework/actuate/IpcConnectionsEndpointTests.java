package dev.ipcframework.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/ipc/connections}: each connection with its figures, one by id, and disconnecting one.
 */
class IpcConnectionsEndpointTests extends IpcServerTest {

	private ActuatorClient actuator;

	@BeforeEach
	void actuator() {
		this.actuator = new ActuatorClient(this.httpPort);
	}

	@Test
	void listsEveryConnectionWithItsAppTransportAndSubscriptions() {
		RawClient tcp = connected(Transport.TCP, "listed");
		RawClient websocket = connected(Transport.WEBSOCKET, "listed");
		websocket.send("alerts", "subscribe", Map.of());
		websocket.send("prices", "subscribe", Map.of());
		websocket.sync();

		JsonNode list = this.actuator.read("/actuator/ipc/connections");

		assertThat(list.path("connections").findValues("id")).extracting(JsonNode::asString)
			.contains(tcp.connectionId(), websocket.connectionId());
		JsonNode subscriber = this.actuator.read("/actuator/ipc/connections/" + websocket.connectionId());
		assertThat(subscriber.path("app").asString()).isEqualTo("listed");
		assertThat(subscriber.path("transport").asString()).isEqualTo("WEBSOCKET");
		assertThat(subscriber.path("remoteAddress").asString()).startsWith("127.0.0.1:");
		assertThat(subscriber.path("subscriptions").valueStream().map(JsonNode::asString))
			.containsExactly("alerts", "prices");
		assertThat(Instant.parse(subscriber.path("connectedSince").asString())).isBefore(Instant.now());
		assertThat(subscriber.path("sendQueueBytes").isNumber()).isTrue();
		JsonNode app = this.actuator.read("/actuator/ipc").path("apps").path("listed");
		assertThat(app.path("connections").asInt()).isEqualTo(2);
		assertThat(app.path("channels").findParents("channelId"))
			.allSatisfy((channel) -> assertThat(channel.path("subscribers").asInt()).isEqualTo(1));
		assertThat(app.path("messagesReceived").path("SUBSCRIBE").asLong()).isEqualTo(2);
		assertThat(app.path("lastActivity").isString()).isTrue();
	}

	@Test
	void countsTheMessagesAndBytesOfOneConnection() {
		RawClient client = connected(Transport.TCP, "bytes");
		JsonNode before = this.actuator.read("/actuator/ipc/connections/" + client.connectionId());
		String frame = RawClient.envelope("bytes", "anything", "notification", Map.of("note", "é")).toString();

		client.sendJson(frame);
		client.sync();

		JsonNode after = this.actuator.read("/actuator/ipc/connections/" + client.connectionId());
		// the handshake, then a notification and a ping
		assertThat(before.path("messagesIn").asLong()).isEqualTo(1);
		assertThat(after.path("messagesIn").asLong()).isEqualTo(3);
		long ping = after.path("bytesIn").asLong() - before.path("bytesIn").asLong()
				- frame.getBytes(StandardCharsets.UTF_8).length;
		assertThat(ping).as("bytes of the ping request").isBetween(100L, 300L);
		// a frame is counted just after it is queued, so the client may read it a moment before that
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode sent = this.actuator.read("/actuator/ipc/connections/" + client.connectionId());
			assertThat(sent.path("messagesOut").asLong()).as("the acknowledgement and the pong").isEqualTo(2);
			assertThat(sent.path("bytesOut").asLong()).isGreaterThan(before.path("bytesOut").asLong());
		});
	}

	@Test
	void anUnknownConnectionOrSectionIsNotFound() {
		assertThat(this.actuator.send("GET", "/actuator/ipc/connections/nobody").statusCode()).isEqualTo(404);
		assertThat(this.actuator.send("GET", "/actuator/ipc/channels").statusCode()).isEqualTo(404);
		assertThat(this.actuator.send("DELETE", "/actuator/ipc/connections/nobody").statusCode()).isEqualTo(404);
	}

	@Test
	void deleteDisconnectsTheConnection() {
		RawClient doomed = connected(Transport.TCP, "doomed");
		RawClient bystander = connected(Transport.WEBSOCKET, "doomed");

		int status = this.actuator.send("DELETE", "/actuator/ipc/connections/" + doomed.connectionId()).statusCode();

		assertThat(status).isEqualTo(200);
		assertThat(doomed.awaitClosed(RawClient.TIMEOUT)).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.actuator.send("GET", "/actuator/ipc/connections/" + doomed.connectionId()).statusCode())
				.isEqualTo(404));
		assertThat(bystander.isClosed()).isFalse();
		bystander.sync();
	}

}
