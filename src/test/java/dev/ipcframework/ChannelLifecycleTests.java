package dev.ipcframework;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.stats.StatisticsCollector;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.protocol.MessageType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Channels that clients create by naming them go away when nothing holds them any more, their names have a length
 * limit, and an application has a bounded number of them; the connection that hits a limit is told so and keeps
 * being served.
 */
@TestPropertySource(properties = { "ipc.apps.max-channels=20", "ipc.apps.max-channel-name-length=64",
		"ipc.apps.max-app-id-length=32" })
class ChannelLifecycleTests extends IpcServerTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private ChannelRegistry channels;

	@Autowired
	private RequestRelay relay;

	@Autowired
	private StatisticsCollector stats;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void fiveThousandNamedChannelsLeaveNothingBehind(Transport transport) {
		String app = "named-" + transport;
		RawClient client = connected(transport, app);
		RawClient bystander = connected(transport, TestHandlers.APP);
		int baseline = this.channels.channelCount();

		for (int i = 0; i < 5000; i++) {
			client.send("ch-" + i, "subscribe", Map.of());
			client.send("ch-" + i, "unsubscribe", Map.of());
			if (i % 10 == 0) {
				// named, never held: creates nothing
				client.send("pub-" + i, "publish", Map.of("i", i));
				client.send("req-" + i, "request", Map.of("i", i));
			}
		}
		client.sync();

		assertThat(this.channels.channelCount()).isEqualTo(baseline);
		assertThat(this.channels.channels(app)).isEmpty();
		// the app's totals stay, though its channels went
		assertThat(this.stats.applications().get(app).messagesReceived().get(MessageType.SUBSCRIBE)).isEqualTo(5000);
		assertServed(client, bystander);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void channelsHeldByAClosedConnectionGoWithIt(Transport transport) {
		String app = "held-" + transport;
		RawClient holder = connected(transport, app);
		RawClient subscriber = connected(transport, app);
		int baseline = this.channels.channelCount();
		int servedBaseline = this.relay.servedChannelCount();
		for (int i = 0; i < 10; i++) {
			holder.send("sub-" + i, "subscribe", Map.of());
			JsonNode serving = holder.request("system", Map.of("action", "serve", "channel_id", "served-" + i));
			assertThat(serving.path("payload").path("status").asString()).isEqualTo("serving");
		}
		subscriber.send("sub-0", "subscribe", Map.of());
		subscriber.sync();
		assertThat(this.channels.channelCount()).isEqualTo(baseline + 20);
		assertThat(this.relay.servedChannelCount()).isEqualTo(servedBaseline + 10);

		holder.close();

		// sub-0 still has a subscriber
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.channels.channelCount()).isEqualTo(baseline + 1));
		assertThat(this.relay.servedChannelCount()).isEqualTo(servedBaseline);
		assertThat(this.channels.find(app, "sub-0")).isNotNull();
		subscriber.send("sub-0", "unsubscribe", Map.of());
		subscriber.sync();
		assertThat(this.channels.channelCount()).isEqualTo(baseline);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aTenKilobyteChannelNameIsRefusedAndTheConnectionKeepsServing(Transport transport) {
		RawClient client = connected(transport, TestHandlers.APP);
		RawClient bystander = connected(transport, TestHandlers.APP);
		int baseline = this.channels.channelCount();
		long refusedBefore = this.stats.errors(IpcErrorCode.CHANNEL_NAME_TOO_LONG);
		String longName = "n".repeat(10 * 1024);

		for (String type : new String[] { "subscribe", "publish", "notification", "unsubscribe" }) {
			client.send(longName, type, Map.of());
			JsonNode error = assertError(client.next(), "CHANNEL_NAME_TOO_LONG");
			assertThat(error.path("message").asString()).contains("10240 characters").hasSizeLessThan(200);
		}
		JsonNode response = client.awaitResponse(client.send(longName, "request", Map.of()));
		assertError(response, "CHANNEL_NAME_TOO_LONG");
		JsonNode serve = client.request("system", Map.of("action", "serve", "channel_id", longName));
		assertError(serve, "CHANNEL_NAME_TOO_LONG");
		// at the limit is fine
		client.send("n".repeat(64), "subscribe", Map.of());

		assertServed(client, bystander);
		assertThat(this.channels.channelCount()).isEqualTo(baseline + 1);
		assertThat(this.stats.errors(IpcErrorCode.CHANNEL_NAME_TOO_LONG) - refusedBefore).isEqualTo(6);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anApplicationHasAtMostItsMaximumOfChannels(Transport transport) {
		String app = "capped-" + transport;
		RawClient client = connected(transport, app);
		RawClient other = connected(transport, app);
		long refusedBefore = this.stats.errors(IpcErrorCode.TOO_MANY_CHANNELS);
		for (int i = 0; i < 20; i++) {
			client.send("c-" + i, "subscribe", Map.of());
		}
		client.sync();
		assertThat(this.channels.channels(app)).hasSize(20);

		// a new channel is refused, to either connection of the app; existing ones may still be joined
		client.send("c-20", "subscribe", Map.of());
		assertThat(assertError(client.next(), "TOO_MANY_CHANNELS").path("message").asString()).contains("20");
		JsonNode serve = other.request("system", Map.of("action", "serve", "channel_id", "c-21"));
		assertError(serve, "TOO_MANY_CHANNELS");
		other.send("c-0", "subscribe", Map.of());
		other.sync();
		assertThat(this.channels.find(app, "c-0").subscriberCount()).isEqualTo(2);
		assertThat(this.stats.errors(IpcErrorCode.TOO_MANY_CHANNELS) - refusedBefore).isEqualTo(2);

		// once one goes, there is room again
		client.send("c-19", "unsubscribe", Map.of());
		client.send("c-20", "subscribe", Map.of());
		client.sync();
		assertThat(this.channels.find(app, "c-20")).isNotNull();
		assertThat(this.channels.channels(app)).hasSize(20);
		assertServed(client, other);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anAppIdOverTheLimitIsRefusedAtTheHandshake(Transport transport) {
		RawClient client = open(transport);

		String connect = client.send("a".repeat(33), "system", "request", Map.of("action", "connect"));

		assertError(client.awaitResponse(connect), "APP_ID_TOO_LONG");
		assertThat(client.awaitClosed(WAIT)).isTrue();
		assertThat(this.channels.applications()).doesNotContain("a".repeat(33));
		connected(transport, "a".repeat(32)).sync();
	}

	private static JsonNode assertError(JsonNode frame, String code) {
		assertThat(frame.path("payload").path("error").path("code").asString()).as("code of %s", frame)
			.isEqualTo(code);
		return frame.path("payload").path("error");
	}

	private static void assertServed(RawClient... clients) {
		for (RawClient client : clients) {
			client.sync();
			if (TestHandlers.APP.equals(client.appId())) {
				JsonNode response = client.request("echo", Map.of("ok", true));
				assertThat(response.path("payload").path("ok").asBoolean()).as("echo %s", response).isTrue();
			}
		}
	}

}
