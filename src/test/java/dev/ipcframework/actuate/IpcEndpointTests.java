package dev.ipcframework.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Actuator endpoint reports what actually happened on the wire.
 */
class IpcEndpointTests extends IpcServerTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void countsRequestsChannelsAndSubscribers() throws Exception {
		long requestsBefore = read("/actuator/ipc").path("totals").path("messagesReceived").path("REQUEST").asLong();
		RawClient client = connected(Transport.TCP, "metered");
		RawClient subscriber = connected(Transport.WEBSOCKET, "metered");
		subscriber.send("feed", "subscribe", Map.of());
		subscriber.sync();
		for (int i = 0; i < 5; i++) {
			client.request("echo", Map.of("i", i));
		}

		JsonNode report = read("/actuator/ipc");

		// two handshakes, five requests, one ping
		assertThat(report.path("totals").path("messagesReceived").path("REQUEST").asLong() - requestsBefore)
			.isEqualTo(8);
		JsonNode app = report.path("apps").path("metered");
		assertThat(app.path("connections").asInt()).isEqualTo(2);
		// a channel exists while something holds it: "echo" was only named by requests
		assertThat(app.path("channels").findValues("channelId")).extracting(JsonNode::asString)
			.containsExactly("feed");
		assertThat(app.path("channels").findParents("channelId"))
			.filteredOn((channel) -> channel.path("channelId").asString().equals("feed"))
			.singleElement()
			.satisfies((channel) -> assertThat(channel.path("subscribers").asInt()).isEqualTo(1));

		subscriber.close();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(read("/actuator/ipc").path("apps").path("metered").path("connections")
				.asInt()).isEqualTo(1));
	}

	@Test
	void healthIncludesTheTcpListenerAndTheWebSocketEndpoint() throws Exception {
		JsonNode health = read("/actuator/health");

		assertThat(health.path("status").asString()).isEqualTo("UP");
		JsonNode ipc = health.path("components").path("ipc");
		assertThat(ipc.path("status").asString()).isEqualTo("UP");
		assertThat(ipc.path("details").path("tcp").asString()).isEqualTo("listening");
		assertThat(ipc.path("details").path("tcpPort").asInt()).isEqualTo(tcpPort());
		assertThat(ipc.path("details").path("websocket").asString()).isEqualTo("up");
		assertThat(ipc.path("details").path("websocketPath").asString()).isEqualTo("/ipc");
		assertThat(ipc.path("details").path("httpPort").asInt()).isEqualTo(this.httpPort);
	}

	private JsonNode read(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

}
