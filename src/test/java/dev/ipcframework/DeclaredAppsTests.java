package dev.ipcframework;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code ipc.apps.auto-create=false}, only declared applications and channels, and those served by handlers,
 * exist; anything else gets a clear error.
 */
@TestPropertySource(properties = { "ipc.apps.auto-create=false", "ipc.apps.declared.inventory=stock,orders" })
class DeclaredAppsTests extends IpcServerTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void undeclaredAppIsRefusedAtTheHandshake(Transport transport) {
		RawClient client = open(transport);

		String requestId = client.send("stranger", "system", "request",
				Map.of("action", "connect", "connection_id", client.connectionId()));

		JsonNode error = client.awaitResponse(requestId).path("payload").path("error");
		assertThat(error.path("code").asString()).isEqualTo("UNKNOWN_APP");
		assertThat(error.path("message").asString()).contains("stranger");
		assertThat(client.awaitClosed(Duration.ofSeconds(10))).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void declaredChannelsWorkAndOthersAreRefused(Transport transport) {
		RawClient subscriber = connected(transport, "inventory");
		RawClient publisher = connected(transport, "inventory");
		subscriber.send("stock", "subscribe", Map.of());
		subscriber.sync();

		publisher.send("stock", "publish", Map.of("sku", "tea"));
		publisher.send("gossip", "publish", Map.of("rumour", true));

		assertThat(subscriber.next().path("payload").path("sku").asString()).isEqualTo("tea");
		JsonNode error = publisher.await((frame) -> "system".equals(frame.path("channel_id").asString()));
		assertThat(error.path("message_type").asString()).isEqualTo("notification");
		assertThat(error.path("payload").path("error").path("code").asString()).isEqualTo("UNKNOWN_CHANNEL");
		assertThat(error.path("payload").path("error").path("message").asString()).contains("gossip");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void handlersDeclareTheirAppsAndChannels(Transport transport) {
		RawClient client = connected(transport, "test");

		JsonNode served = client.request("greet", Map.of("name", "Lin", "age", 3));
		JsonNode refused = client.request("not-a-channel", Map.of());

		assertThat(served.path("payload").path("text").asString()).isEqualTo("Hello, Lin");
		assertThat(refused.path("payload").path("error").path("code").asString()).isEqualTo("UNKNOWN_CHANNEL");
	}

}
