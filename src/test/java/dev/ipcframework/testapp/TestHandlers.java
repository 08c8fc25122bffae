package dev.ipcframework.testapp;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.handler.IpcHandler;
import dev.ipcframework.handler.IpcHeaders;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.protocol.MessageType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Handlers of the test application {@code test}, one per behaviour under test.
 */
@Component
public class TestHandlers {

	public static final String APP = "test";

	public record Person(String name, int age) {
	}

	public record Greeting(String text, int nextAge) {
	}

	public record Order(@NotBlank String item, @Min(1) int quantity) {
	}

	/** Holds the {@code slow} handler until a test releases it. */
	public volatile CountDownLatch slowGate = new CountDownLatch(0);

	/** Calls of {@code slow-thread} so far. */
	public final AtomicInteger slowWaiting = new AtomicInteger();

	/** Notifications received, for tests to assert on. */
	public final BlockingQueue<JsonNode> notifications = new LinkedBlockingQueue<>();

	@IpcHandler(app = APP, channel = "greet")
	public Greeting greet(Person person) {
		return new Greeting("Hello, " + person.name(), person.age() + 1);
	}

	@IpcHandler(app = APP, channel = "echo")
	public JsonNode echo(JsonNode payload) {
		return payload;
	}

	@IpcHandler(app = APP, channel = "fail")
	public String fail() {
		throw new IllegalStateException("the handler broke on purpose");
	}

	@IpcHandler(app = APP, channel = "forbidden")
	public String forbidden() {
		throw new IpcException(IpcErrorCode.FORBIDDEN, "not for you");
	}

	@IpcHandler(app = APP, channel = "async")
	public CompletableFuture<Map<String, Object>> async(Map<String, Object> payload) {
		return CompletableFuture.supplyAsync(() -> Map.of("async", true, "got", payload.get("value")));
	}

	@IpcHandler(app = APP, channel = "nothing")
	public void nothing(String payload) {
	}

	@IpcHandler(app = APP, channel = "order")
	public String order(@Valid Order order) {
		return "ordered " + order.quantity() + " " + order.item();
	}

	@IpcHandler(app = APP, channel = "whoami")
	public Map<String, Object> whoAmI(IpcConnection caller, IpcEnvelope envelope,
			@Header(IpcHeaders.APP_ID) String app, @Header(IpcHeaders.CHANNEL_ID) String channel) {
		return Map.of("connection_id", caller.id(), "transport", caller.transport().name(), "remote",
				caller.remoteAddress(), "app", app, "channel", channel, "message_id", envelope.messageId());
	}

	@IpcHandler(app = APP, channel = "mono")
	public Mono<String> mono(String payload) {
		return Mono.just("mono:" + payload);
	}

	@IpcHandler(app = APP, channel = "thread")
	public String thread() {
		return Thread.currentThread().getName();
	}

	@IpcHandler(app = APP, channel = "slow")
	public String slow() throws InterruptedException {
		return this.slowGate.await(10, TimeUnit.SECONDS) ? "released" : "timed out";
	}

	/** Waits for {@link #slowGate} and answers with the name of the thread it ran on. */
	@IpcHandler(app = APP, channel = "slow-thread")
	public String slowThread() throws InterruptedException {
		this.slowWaiting.incrementAndGet();
		String thread = Thread.currentThread().getName();
		return this.slowGate.await(10, TimeUnit.SECONDS) ? thread : "timed out";
	}

	@IpcHandler(app = APP, channel = "events", type = MessageType.NOTIFICATION)
	public void onEvent(JsonNode payload) {
		this.notifications.add(payload);
	}

}
