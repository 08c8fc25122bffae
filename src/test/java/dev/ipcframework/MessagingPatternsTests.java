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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handshake, the system channel, request/response through typed handlers and notifications on the wire, over
 * each transport, through real sockets. What the handlers answer, errors included, is tested with the
 * {@code @IpcTest} slice in {@code TestHandlersTests}.
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

	@Test
	void tcpHandlersRunOnTheConnectionsOwnReadingThread() {
		RawClient client = connected(Transport.TCP, APP);

		JsonNode response = client.request("thread", Map.of());

		assertThat(response.path("payload").asString()).startsWith("ipc-tcp-");
	}

	@Test
	void webSocketHandlersRunOnTheContainerThreadThatReadTheMessage() {
		RawClient client = connected(Transport.WEBSOCKET, APP);

		JsonNode response = client.request("thread", Map.of());

		assertThat(response.path("payload").asString()).startsWith("http-nio-").contains("-exec-");
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

}
