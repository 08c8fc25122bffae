package dev.ipcframework.dashboard;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.ServerSentEvents;
import dev.ipcframework.testsupport.ServerSentEvents.Event;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's feed over real HTTP: the event stream, the polled state, and the actions the page calls on the
 * {@code ipc} endpoint, with traffic from real clients.
 */
class DashboardFeedTests extends IpcServerTest {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private ServerSentEvents events() {
		ServerSentEvents events = ServerSentEvents.open(
				URI.create("http://127.0.0.1:" + this.httpPort + "/ipc/dashboard/events"), Map.of());
		assertThat(events.response().statusCode()).isEqualTo(200);
		assertThat(events.response().headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		return events;
	}

	@Test
	void streamSendsTheHistoryThenASnapshotEverySecondStampedByTheServer() {
		try (ServerSentEvents events = events()) {
			assertThat(events.await("history", WAIT).data().isArray()).isTrue();
			JsonNode first = events.await("snapshot", WAIT).data();
			JsonNode second = events.await("snapshot", WAIT).data();

			Instant firstTime = Instant.parse(first.path("point").path("time").asString());
			Instant secondTime = Instant.parse(second.path("point").path("time").asString());
			assertThat(Duration.between(firstTime, secondTime)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(3));
			assertThat(second.path("point").path("connections").has("TCP")).isTrue();
			assertThat(second.path("totals").path("messagesReceived").isObject()).isTrue();
		}
	}

	@Test
	void ratesFollowTrafficFromRealClients() {
		RawClient tcp = connected(Transport.TCP, TestHandlers.APP);
		RawClient websocket = connected(Transport.WEBSOCKET, "feed-app");
		websocket.send("ticks", "subscribe", Map.of());
		websocket.sync();

		try (ServerSentEvents events = events()) {
			for (int i = 0; i < 50; i++) {
				tcp.request("echo", Map.of("n", i));
			}
			JsonNode busy = events.await((event) -> event.name().equals("snapshot")
					&& event.data().path("point").path("messagesIn").asDouble() > 0
					&& event.data().path("point").path("latency").path("calls").asLong() > 0, WAIT).data();

			assertThat(busy.path("point").path("messagesOut").asDouble()).isPositive();
			assertThat(busy.path("point").path("latency").path("p99").asDouble()).isPositive();
			assertThat(busy.path("connectionCount").asInt()).isGreaterThanOrEqualTo(2);
			assertThat(busy.path("connections").findValuesAsString("id")).contains(tcp.connectionId(),
					websocket.connectionId());
			assertThat(busy.path("channels").findParents("channel"))
				.anySatisfy((channel) -> {
					assertThat(channel.path("app").asString()).isEqualTo("feed-app");
					assertThat(channel.path("channel").asString()).isEqualTo("ticks");
					assertThat(channel.path("subscribers").asInt()).isEqualTo(1);
				});
		}
	}

	@Test
	void errorsAreCountedByCode() {
		RawClient client = connected(Transport.TCP, TestHandlers.APP);
		try (ServerSentEvents events = events()) {
			client.request("fail", Map.of());

			JsonNode snapshot = events.await((event) -> event.name().equals("snapshot")
					&& event.data().path("point").path("errors").path("HANDLER_ERROR").asDouble() > 0, WAIT).data();

			assertThat(snapshot.path("totals").path("errors").path("HANDLER_ERROR").asLong()).isPositive();
		}
	}

	@Test
	void statePollsTheSameFeed() throws InterruptedException {
		connected(Transport.TCP, "polled").sync();
		Thread.sleep(2500);

		JsonNode state = new ActuatorClient(this.httpPort).read("/ipc/dashboard/state");

		assertThat(state.path("history").size()).isGreaterThanOrEqualTo(1);
		assertThat(state.path("snapshot").path("connections").findValuesAsString("app")).contains("polled");
	}

	@Test
	void publishActionReachesASubscriber() {
		RawClient subscriber = connected(Transport.WEBSOCKET, "publish-app");
		subscriber.send("news", "subscribe", Map.of());
		subscriber.sync();

		HttpResponse<String> response = new ActuatorClient(this.httpPort).send("POST",
				"/actuator/ipc/channels/publish-app/news", "{\"payload\": \"{\\\"headline\\\": \\\"test\\\"}\"}", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"subscribers\":1");
		JsonNode published = subscriber.await((frame) -> "publish".equals(frame.path("message_type").asString()));
		assertThat(published.path("channel_id").asString()).isEqualTo("news");
		assertThat(published.path("payload").path("headline").asString()).isEqualTo("test");
	}

	@Test
	void publishActionWithoutPayloadSendsATestMessage() {
		RawClient subscriber = connected(Transport.TCP, "publish-app");
		subscriber.send("bare", "subscribe", Map.of());
		subscriber.sync();

		HttpResponse<String> response = new ActuatorClient(this.httpPort).send("POST",
				"/actuator/ipc/channels/publish-app/bare", "{}", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode published = subscriber.await((frame) -> "publish".equals(frame.path("message_type").asString()));
		assertThat(published.path("payload").path("test").asBoolean()).isTrue();
	}

	@Test
	void publishActionToAMissingChannelIsNotFound() {
		ActuatorClient actuator = new ActuatorClient(this.httpPort);

		assertThat(actuator.send("POST", "/actuator/ipc/channels/no-such-app/nothing", "{}", null).statusCode())
			.isEqualTo(404);
		assertThat(actuator.send("POST", "/actuator/ipc/elsewhere/a/b", "{}", null).statusCode()).isEqualTo(404);
	}

	@Test
	void publishActionRefusesAPayloadThatIsNotJson() {
		RawClient subscriber = connected(Transport.TCP, "publish-app");
		subscriber.send("strict", "subscribe", Map.of());
		subscriber.sync();

		assertThat(new ActuatorClient(this.httpPort)
			.send("POST", "/actuator/ipc/channels/publish-app/strict", "{\"payload\": \"{not json\"}", null)
			.statusCode()).isEqualTo(400);
	}

	@Test
	void disconnectActionClosesTheConnection() {
		RawClient client = connected(Transport.TCP, "doomed");
		client.sync();

		HttpResponse<String> response = new ActuatorClient(this.httpPort).send("DELETE",
				"/actuator/ipc/connections/" + client.connectionId(), null, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(client.awaitClosed(WAIT)).isTrue();
	}

}
