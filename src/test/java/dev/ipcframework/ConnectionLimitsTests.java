package dev.ipcframework;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Limits that protect everyone from one client: connections, subscriptions, message rate.
 */
@TestPropertySource(properties = { "ipc.max-connections=6", "ipc.connection.max-subscriptions=3",
		"ipc.connection.rate-limit=20", "ipc.connection.rate-burst=20" })
class ConnectionLimitsTests extends IpcServerTest {

	@Autowired
	private ConnectionRegistry connections;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void connectionsBeyondTheLimitGetAnErrorAndAreClosed(Transport transport) {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.connections.openCount() == 0);
		List<RawClient> admitted = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			admitted.add(connected(transport, TestHandlers.APP));
		}

		RawClient excess = open(transport);

		JsonNode error = excess.next();
		assertThat(error.path("channel_id").asString()).isEqualTo("system");
		assertThat(error.path("payload").path("error").path("code").asString()).isEqualTo("TOO_MANY_CONNECTIONS");
		assertThat(excess.awaitClosed(Duration.ofSeconds(10))).isTrue();
		assertThat(admitted.get(0).request("echo", Map.of("still", "served")).path("payload").path("still").asString())
			.isEqualTo("served");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscriptionsBeyondTheLimitAreRefused(Transport transport) {
		RawClient client = connected(transport, "reader");
		for (String channel : List.of("a", "b", "c", "a")) {
			client.send(channel, "subscribe", Map.of());
		}
		client.sync();

		client.send("d", "subscribe", Map.of());

		JsonNode error = client.await((frame) -> "system".equals(frame.path("channel_id").asString()));
		assertThat(error.path("payload").path("error").path("code").asString()).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
		client.send("a", "unsubscribe", Map.of());
		client.send("d", "subscribe", Map.of());
		client.sync();
		assertThat(client.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void messagesOverTheRateAreRefusedAndTheConnectionSurvives(Transport transport) throws InterruptedException {
		RawClient client = connected(transport, TestHandlers.APP);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add(client.send("echo", "request", Map.of("i", i)));
		}

		int limited = 0;
		for (String id : ids) {
			JsonNode response = client.awaitResponse(id);
			if ("RATE_LIMITED".equals(response.path("payload").path("error").path("code").asString())) {
				limited++;
			}
		}

		assertThat(limited).isBetween(10, 20);
		Thread.sleep(1_100);
		assertThat(client.request("echo", Map.of("after", "pause")).path("payload").path("after").asString())
			.isEqualTo("pause");
	}

}
