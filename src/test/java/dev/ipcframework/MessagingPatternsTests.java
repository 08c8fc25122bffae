package dev.ipcframework;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * Every pattern of the protocol, over each transport, through real sockets.
 */
class MessagingPatternsTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	@Autowired
	private IpcTemplate template;

	@Autowired
	private TestHandlers handlers;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void handshakeIsAcknowledgedWithTheClientsConnectionId(Transport transport) {
		RawClient client = open(transport);

		JsonNode ack = client.connect(APP);

		assertThat(ack.path("channel_id").asString()).isEqualTo("system");
		assertThat(ack.path("app_id").asString()).isEqualTo(APP);
		assertThat(ack.path("payload").path("connection_id").asString()).isEqualTo(client.connectionId());
		assertThat(ack.propertyNames()).containsExactlyInAnyOrder("message_id", "app_id", "channel_id",
				"message_type", "payload", "timestamp", "reply_to");
		assertThat(ack.path("timestamp").isDouble()).isTrue();
		assertThat(this.template.connection(client.connectionId())).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pingIsAnsweredWithPong(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode pong = client.sync();

		assertThat(pong.path("payload").path("server_time").asDouble())
			.isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestIsAnsweredByTheTypedHandler(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode response = client.request("greet", Map.of("name", "Ada", "age", 36));

		assertThat(response.path("message_type").asString()).isEqualTo("response");
		assertThat(response.path("channel_id").asString()).isEqualTo("greet");
		assertThat(response.path("payload").path("text").asString()).isEqualTo("Hello, Ada");
		assertThat(response.path("payload").path("nextAge").asInt()).isEqualTo(37);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void nonAsciiTextRoundTripsEscaped(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode response = client.request("echo", Map.of("text", "héllo ✓ 日本"));

		assertThat(response.path("payload").path("text").asString()).isEqualTo("héllo ✓ 日本");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestWithoutHandlerGetsNoHandlerAtOnce(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode response = client.request("nobody-home", Map.of("q", 1));

		assertThat(response.path("payload").path("error").path("code").asString()).isEqualTo("NO_HANDLER");
		assertThat(response.path("payload").path("error").path("message").asString()).contains("nobody-home");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void handlerExceptionBecomesHandlerError(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode error = client.request("fail", Map.of()).path("payload").path("error");

		assertThat(error.path("code").asString()).isEqualTo("HANDLER_ERROR");
		assertThat(error.path("message").asString()).isEqualTo("the handler broke on purpose");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void handlerChoosesItsErrorCodeWithIpcException(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode error = client.request("forbidden", Map.of()).path("payload").path("error");

		assertThat(error.path("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(error.path("message").asString()).isEqualTo("not for you");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void payloadThatDoesNotBindIsABadRequestNamingTheField(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode error = client.request("greet", Map.of("name", "Ada", "age", "old")).path("payload").path("error");

		assertThat(error.path("code").asString()).isEqualTo("BAD_REQUEST");
		assertThat(error.path("message").asString()).contains("'age'");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void payloadThatFailsValidationIsABadRequestNamingTheField(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode error = client.request("order", Map.of("item", "", "quantity", 2)).path("payload").path("error");
		JsonNode ok = client.request("order", Map.of("item", "tea", "quantity", 2));

		assertThat(error.path("code").asString()).isEqualTo("BAD_REQUEST");
		assertThat(error.path("message").asString()).contains("'item'");
		assertThat(ok.path("payload").asString()).isEqualTo("ordered 2 tea");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void futureResultAnswersWhenItCompletes(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode response = client.request("async", Map.of("value", 42));

		assertThat(response.path("payload").path("async").asBoolean()).isTrue();
		assertThat(response.path("payload").path("got").asInt()).isEqualTo(42);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void monoResultAnswersWhenItCompletes(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode response = client.request("mono", Map.of());

		assertThat(response.path("payload").asString()).startsWith("mono:{");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void handlersRunOnHandlerThreadsNotIoThreads(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode response = client.request("thread", Map.of());

		assertThat(response.path("payload").asString()).startsWith("ipc-handler-");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void slowHandlerDoesNotStallOtherConnections(Transport transport) {
		this.handlers.slowGate = new CountDownLatch(1);
		RawClient stuck = connected(transport, APP);
		RawClient other = connected(transport, APP);
		String slowRequest = stuck.send("slow", "request", Map.of());

		JsonNode answered = other.request("greet", Map.of("name", "Bo", "age", 1));
		assertThat(answered.path("payload").path("text").asString()).isEqualTo("Hello, Bo");
		assertThat(stuck.poll(Duration.ofMillis(100))).isNull();
		this.handlers.slowGate.countDown();

		assertThat(stuck.awaitResponse(slowRequest).path("payload").asString()).isEqualTo("released");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void voidHandlerAnswersWithNullPayload(Transport transport) {
		RawClient client = connected(transport, APP);

		JsonNode response = client.request("nothing", Map.of());

		assertThat(response.has("payload")).isTrue();
		assertThat(response.path("payload").isNull()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void handlerSeesConnectionEnvelopeAppAndChannel(Transport transport) {
		RawClient client = connected(transport, APP);

		String requestId = client.send("whoami", "request", Map.of());
		JsonNode payload = client.awaitResponse(requestId).path("payload");

		assertThat(payload.path("connection_id").asString()).isEqualTo(client.connectionId());
		assertThat(payload.path("transport").asString()).isEqualTo(transport.name());
		assertThat(payload.path("remote").asString()).startsWith("127.0.0.1:");
		assertThat(payload.path("app").asString()).isEqualTo(APP);
		assertThat(payload.path("channel").asString()).isEqualTo("whoami");
		assertThat(payload.path("message_id").asString()).isEqualTo(requestId);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void notificationReachesItsHandlerAndIsNotAnswered(Transport transport) throws InterruptedException {
		RawClient client = connected(transport, APP);
		this.handlers.notifications.clear();

		client.send("events", "notification", Map.of("kind", "login", "via", transport.name()));
		client.sync();

		JsonNode received = this.handlers.notifications.poll(10, TimeUnit.SECONDS);
		assertThat(received).isNotNull();
		assertThat(received.path("via").asString()).isEqualTo(transport.name());
		assertThat(client.poll(Duration.ofMillis(200))).isNull();
	}

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
