package dev.ipcframework;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publish/subscribe and server push, over each transport, through real sockets.
 */
class PublishSubscribeTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	@Autowired
	private IpcTemplate template;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void publishReachesEverySubscriberButNotAnUnsubscribedPublisher(Transport transport) {
		RawClient first = connected(transport, APP);
		RawClient second = connected(transport, APP);
		RawClient publisher = connected(transport, APP);
		first.send("news", "subscribe", Map.of("connection_id", first.connectionId()));
		second.send("news", "subscribe", Map.of("connection_id", second.connectionId()));
		first.sync();
		second.sync();

		String publishId = publisher.send("news", "publish", Map.of("headline", "hello"));
		publisher.sync();

		for (RawClient subscriber : new RawClient[] { first, second }) {
			JsonNode message = subscriber.next();
			assertThat(message.path("message_type").asString()).isEqualTo("publish");
			assertThat(message.path("message_id").asString()).isEqualTo(publishId);
			assertThat(message.path("channel_id").asString()).isEqualTo("news");
			assertThat(message.path("payload").path("headline").asString()).isEqualTo("hello");
		}
		assertThat(publisher.poll(Duration.ofMillis(200))).isNull();
		assertThat(this.template.subscriberCount(APP, "news")).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribedPublisherReceivesItsOwnMessage(Transport transport) {
		RawClient client = connected(transport, APP);
		client.send("self", "subscribe", Map.of("connection_id", client.connectionId()));

		client.send("self", "publish", Map.of("n", 1));

		JsonNode message = client.await((frame) -> "publish".equals(frame.path("message_type").asString()));
		assertThat(message.path("payload").path("n").asInt()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeStopsDelivery(Transport transport) {
		RawClient subscriber = connected(transport, APP);
		RawClient publisher = connected(transport, APP);
		subscriber.send("weather", "subscribe", Map.of("connection_id", subscriber.connectionId()));
		subscriber.send("weather", "unsubscribe", Map.of("connection_id", subscriber.connectionId()));
		subscriber.sync();

		publisher.send("weather", "publish", Map.of("sky", "grey"));
		publisher.sync();

		assertThat(subscriber.poll(Duration.ofMillis(300))).isNull();
		assertThat(this.template.subscriberCount(APP, "weather")).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribeActsOnTheSenderNeverOnTheConnectionIdInThePayload(Transport transport) {
		RawClient victim = connected(transport, APP);
		RawClient attacker = connected(transport, APP);
		victim.send("private", "subscribe", Map.of("connection_id", victim.connectionId()));
		victim.sync();

		attacker.send("private", "unsubscribe", Map.of("connection_id", victim.connectionId()));
		attacker.send("spam", "subscribe", Map.of("connection_id", victim.connectionId()));
		attacker.sync();
		attacker.send("private", "publish", Map.of("still", "delivered"));
		attacker.send("spam", "publish", Map.of("spam", true));

		assertThat(attacker.await((frame) -> "publish".equals(frame.path("message_type").asString()))
			.path("channel_id")
			.asString()).isEqualTo("spam");
		JsonNode message = victim.next();
		assertThat(message.path("channel_id").asString()).isEqualTo("private");
		assertThat(victim.poll(Duration.ofMillis(300))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void closedConnectionLosesItsSubscriptionsAndRegistration(Transport transport) {
		RawClient leaving = connected(transport, APP);
		leaving.send("room", "subscribe", Map.of("connection_id", leaving.connectionId()));
		leaving.sync();
		assertThat(this.template.subscriberCount(APP, "room")).isEqualTo(1);

		leaving.close();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(this.template.subscriberCount(APP, "room")).isZero();
			assertThat(this.template.connection(leaving.connectionId())).isNull();
		});
		RawClient publisher = connected(transport, APP);
		publisher.send("room", "publish", Map.of("anyone", "there?"));
		publisher.sync();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void templatePublishesSendsAndBroadcasts(Transport transport) {
		RawClient subscriber = connected(transport, "push_app");
		RawClient other = connected(transport, "push_app");
		RawClient elsewhere = connected(transport, "another_app");
		subscriber.send("ticker", "subscribe", Map.of("connection_id", subscriber.connectionId()));
		subscriber.sync();

		assertThat(this.template.publish("push_app", "ticker", Map.of("price", 10))).isEqualTo(1);
		JsonNode published = subscriber.next();
		assertThat(published.path("message_type").asString()).isEqualTo("publish");
		assertThat(published.path("payload").path("price").asInt()).isEqualTo(10);

		assertThat(this.template.send(other.connectionId(), "direct", Map.of("for", "you"))).isTrue();
		JsonNode direct = other.next();
		assertThat(direct.path("channel_id").asString()).isEqualTo("direct");
		assertThat(direct.path("app_id").asString()).isEqualTo("push_app");
		assertThat(direct.path("payload").path("for").asString()).isEqualTo("you");

		assertThat(this.template.broadcast("push_app", "alerts", Map.of("level", "high"))).isEqualTo(2);
		assertThat(subscriber.next().path("channel_id").asString()).isEqualTo("alerts");
		assertThat(other.next().path("channel_id").asString()).isEqualTo("alerts");
		assertThat(elsewhere.poll(Duration.ofMillis(300))).isNull();

		assertThat(this.template.applications()).contains("push_app", "another_app");
		assertThat(this.template.connections("push_app")).hasSize(2);
		assertThat(this.template.channels("push_app"))
			.anySatisfy((channel) -> assertThat(channel.channelId()).isEqualTo("ticker"));
		assertThat(this.template.send("no-such-connection", "direct", Map.of())).isFalse();
	}

}
