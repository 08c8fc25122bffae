package dev.ipcframework.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.stats.StatisticsCollector;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testapp.TestHandlers.Greeting;
import dev.ipcframework.testapp.TestHandlers.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The client's calls against the real server, over each transport.
 */
class IpcClientTests extends ClientServerTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private TestHandlers handlers;

	@Autowired
	private RequestRelay relay;

	@Autowired
	private StatisticsCollector stats;

	@AfterEach
	void releaseSlowHandler() {
		this.handlers.slowGate.countDown();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestCompletesWithTheResponsePayload(Transport transport) throws Exception {
		IpcClient client = client(transport);

		JsonNode echoed = client.request("echo", Map.of("text", "caf\u00e9", "n", 3)).get(10, TimeUnit.SECONDS);

		assertThat(echoed.path("text").asString()).isEqualTo("caf\u00e9");
		assertThat(echoed.path("n").asInt()).isEqualTo(3);
		assertThat(client.isConnected()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void typedRequestConvertsBothWays(Transport transport) throws Exception {
		IpcClient client = client(transport);

		Greeting greeting = client.request("greet", new Person("Ada", 36), Greeting.class, WAIT)
			.get(10, TimeUnit.SECONDS);

		assertThat(greeting).isEqualTo(new Greeting("Hello, Ada", 37));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void serverErrorsFailTheFutureWithTheirCode(Transport transport) {
		IpcClient client = client(transport);

		assertThat(errorOf(client.request("no-such-channel", Map.of()))).isEqualTo("NO_HANDLER");
		assertThat(errorOf(client.request("fail", Map.of()))).isEqualTo("HANDLER_ERROR");
		assertThat(errorOf(client.request("forbidden", Map.of()))).isEqualTo("FORBIDDEN");
		assertThat(errorOf(client.request("order", Map.of("item", "", "quantity", 0)))).isEqualTo("BAD_REQUEST");
		Throwable failure = catchThrowable(() -> client.request("fail", Map.of()).get(10, TimeUnit.SECONDS));
		assertThat(failure.getCause()).hasMessageContaining("the handler broke on purpose");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestWithoutAnswerTimesOutWithAClearException(Transport transport) throws Exception {
		this.handlers.slowGate = new CountDownLatch(1);
		IpcClient client = client(transport);

		CompletableFuture<JsonNode> slow = client.request("slow", Map.of(), Duration.ofMillis(300));

		Throwable failure = catchThrowable(() -> slow.get(10, TimeUnit.SECONDS));
		assertThat(failure.getCause()).isInstanceOf(RequestTimeoutException.class)
			.hasMessageContaining("no response on channel 'slow' within 300 ms");
		assertThat(((IpcClientException) failure.getCause()).code()).isEqualTo("TIMEOUT");
		this.handlers.slowGate.countDown();
		// the late response is ignored, and the connection still serves the next request
		assertThat(client.request("echo", "next").get(10, TimeUnit.SECONDS).asString()).isEqualTo("next");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribersReceivePublishesUntilTheyUnsubscribe(Transport transport) throws Exception {
		IpcClient subscriber = client(transport);
		IpcClient publisher = client(transport);
		BlockingQueue<IpcEnvelope> received = new LinkedBlockingQueue<>();
		BlockingQueue<Person> typed = new LinkedBlockingQueue<>();
		Subscription subscription = subscriber.subscribe("news", received::add);
		subscriber.subscribe("people", Person.class, typed::add);
		subscriber.ping().get(10, TimeUnit.SECONDS);

		publisher.publish("news", Map.of("headline", "first"));
		publisher.publish("people", new Person("Grace", 85));

		IpcEnvelope message = received.poll(10, TimeUnit.SECONDS);
		assertThat(message).isNotNull();
		assertThat(message.payload().path("headline").asString()).isEqualTo("first");
		assertThat(message.channelId()).isEqualTo("news");
		assertThat(typed.poll(10, TimeUnit.SECONDS)).isEqualTo(new Person("Grace", 85));

		subscription.unsubscribe();
		subscriber.unsubscribe("people");
		subscriber.ping().get(10, TimeUnit.SECONDS);
		publisher.publish("news", Map.of("headline", "second"));
		publisher.publish("people", new Person("Alan", 41));
		// the publisher's own round trip after its publishes: the fan-out happened before the pong
		publisher.ping().get(10, TimeUnit.SECONDS);
		subscriber.ping().get(10, TimeUnit.SECONDS);
		assertThat(subscription.isActive()).isFalse();
		assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
		assertThat(typed).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void notificationsReachTheServersHandler(Transport transport) throws Exception {
		this.handlers.notifications.clear();
		IpcClient client = client(transport);

		client.notify("events", Map.of("kind", "login", "user", "ada"));

		JsonNode received = this.handlers.notifications.poll(10, TimeUnit.SECONDS);
		assertThat(received).isNotNull();
		assertThat(received.path("user").asString()).isEqualTo("ada");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void pingMeasuresTheRoundTrip(Transport transport) throws Exception {
		IpcClient client = client(transport);

		Duration roundTrip = client.ping().get(10, TimeUnit.SECONDS);

		assertThat(roundTrip).isPositive().isLessThan(WAIT);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void servedChannelAnswersAnotherClientsRequestsThroughTheRelay(Transport transport) throws Exception {
		IpcClient responder = client(transport);
		IpcClient requester = client((transport == Transport.TCP) ? Transport.WEBSOCKET : Transport.TCP);
		Subscription serving = responder.serve("quote", Person.class, (person) -> Map.of("quote", person.name() + " pays " + person.age()))
			.get(10, TimeUnit.SECONDS);

		JsonNode answer = requester.request("quote", new Person("Ada", 3)).get(10, TimeUnit.SECONDS);

		assertThat(answer.path("quote").asString()).isEqualTo("Ada pays 3");
		assertThat(serving.channel()).isEqualTo("quote");

		serving.unsubscribe();
		assertThat(errorOf(requester.request("quote", new Person("Ada", 3)))).isEqualTo("NO_HANDLER");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void servedHandlersMayAnswerLaterOrFail(Transport transport) throws Exception {
		IpcClient responder = client(transport);
		IpcClient requester = client(transport);
		responder.serve("later", (payload) -> CompletableFuture.supplyAsync(() -> "later:" + payload.asString()))
			.get(10, TimeUnit.SECONDS);
		responder.serve("broken", (payload) -> {
			throw new IllegalArgumentException("cannot price " + payload.asString());
		}).get(10, TimeUnit.SECONDS);
		responder.serve("refusing", (payload) -> {
			throw new IpcClientException("FORBIDDEN", "not you");
		}).get(10, TimeUnit.SECONDS);

		assertThat(requester.request("later", "tea").get(10, TimeUnit.SECONDS).asString()).isEqualTo("later:tea");
		Throwable broken = catchThrowable(() -> requester.request("broken", "tea").get(10, TimeUnit.SECONDS));
		assertThat(((IpcClientException) broken.getCause()).code()).isEqualTo("HANDLER_ERROR");
		assertThat(broken.getCause()).hasMessageContaining("cannot price tea");
		assertThat(errorOf(requester.request("refusing", "tea"))).isEqualTo("FORBIDDEN");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anExplicitTimeoutEndsTheRelayedRequestOnTheServerToo(Transport transport) {
		IpcClient responder = client(transport);
		IpcClient requester = client(transport);
		responder.serve("silent", (payload) -> new CompletableFuture<>()).join();
		long timeoutsBefore = this.stats.errors(IpcErrorCode.TIMEOUT);

		Throwable failure = catchThrowable(
				() -> requester.request("silent", Map.of(), Duration.ofMillis(300)).get(10, TimeUnit.SECONDS));

		assertThat(((IpcClientException) failure.getCause()).code()).isEqualTo("TIMEOUT");
		// the server's own limit is 30 s: only the request's timeout_ms ends it this soon
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.stats.errors(IpcErrorCode.TIMEOUT)).isGreaterThan(timeoutsBefore);
			assertThat(this.relay.pendingCount()).isZero();
		});
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void confirmedPublishAndSubscribeFailWithTheServersRefusal(Transport transport) throws Exception {
		IpcClient subscriber = client(transport);
		IpcClient publisher = client(transport);
		BlockingQueue<IpcEnvelope> received = new LinkedBlockingQueue<>();

		Throwable refusedSubscribe = catchThrowable(
				() -> subscriber.subscribeConfirmed("system", received::add).get(10, TimeUnit.SECONDS));
		Throwable refusedPublish = catchThrowable(
				() -> publisher.publishConfirmed("system", Map.of("text", "hi")).get(10, TimeUnit.SECONDS));
		Subscription accepted = subscriber.subscribeConfirmed("news", received::add).get(10, TimeUnit.SECONDS);
		publisher.publishConfirmed("news", Map.of("headline", "first")).get(10, TimeUnit.SECONDS);

		assertThat(((IpcClientException) refusedSubscribe.getCause()).code()).isEqualTo("FORBIDDEN");
		assertThat(((IpcClientException) refusedPublish.getCause()).code()).isEqualTo("FORBIDDEN");
		assertThat(refusedPublish.getCause()).hasMessageContaining("does not take publish messages");
		assertThat(accepted.isActive()).isTrue();
		IpcEnvelope message = received.poll(10, TimeUnit.SECONDS);
		assertThat(message).isNotNull();
		assertThat(message.channelId()).isEqualTo("news");
	}

	@Test
	void servingTheSystemChannelIsRefused() {
		IpcClient client = client(Transport.TCP);

		Throwable failure = catchThrowable(() -> client.serve("system", (payload) -> payload).get(10, TimeUnit.SECONDS));

		assertThat(((IpcClientException) failure.getCause()).code()).isEqualTo("FORBIDDEN");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void closeFailsOutstandingRequestsAndReleasesThreads(Transport transport) throws Exception {
		this.handlers.slowGate = new CountDownLatch(1);
		IpcClient client = client(transport);
		CompletableFuture<JsonNode> outstanding = client.request("slow", Map.of(), WAIT);

		client.close();

		Throwable failure = catchThrowable(() -> outstanding.get(1, TimeUnit.SECONDS));
		assertThat(failure.getCause()).isInstanceOf(IpcConnectionException.class);
		assertThat(((IpcClientException) failure.getCause()).code()).isEqualTo(IpcConnectionException.CLOSED);
		assertThat(client.isClosed()).isTrue();
		assertThatThrownBy(() -> client.publish("news", Map.of())).isInstanceOf(IpcConnectionException.class);
		org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.isAlive() && thread.getName().startsWith("ipc-client-")
					&& !thread.getName().startsWith("ipc-client-ws")));
	}

	@Test
	void connectingToNothingFailsWithAConnectionException() {
		Options options = Options.builder().url("tcp://127.0.0.1:1").appId("test").connectTimeout(Duration.ofSeconds(2)).build();

		assertThatThrownBy(() -> IpcClient.connect(options)).isInstanceOf(IpcConnectionException.class)
			.satisfies((ex) -> assertThat(((IpcClientException) ex).code()).isEqualTo(IpcConnectionException.CONNECT_FAILED));
	}

	private static String errorOf(CompletableFuture<?> future) {
		Throwable failure = catchThrowable(() -> future.get(10, TimeUnit.SECONDS));
		assertThat(failure).as("the request should have failed").isNotNull();
		assertThat(failure.getCause()).isInstanceOf(IpcClientException.class);
		return ((IpcClientException) failure.getCause()).code();
	}

}
