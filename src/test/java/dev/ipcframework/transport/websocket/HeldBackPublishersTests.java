package dev.ipcframework.transport.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.TcpRawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WebSocket publishers held back by a subscriber that is behind stop being read without holding a container thread
 * each: with more of them than Tomcat has threads (four here), HTTP and new WebSocket connections are still served,
 * and once the subscriber reads again it gets every publish of each, in order, and no one is cut off.
 * <p>
 * With more sessions handling than half of Tomcat's threads, their messages go through the handler pool, so each
 * publisher is held back only after up to a window of its frames more have reached the server. With a small send
 * buffer (64 KB), those stragglers of six publishers overflow it unless they may go past its limit.
 */
@TestPropertySource(properties = { "server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1",
		"ipc.connection.send-buffer=65536", "ipc.connection.stall-timeout=60s", "ipc.connection.write-timeout=60s" })
class HeldBackPublishersTests extends IpcServerTest {

	private static final int PUBLISHERS = 6;

	/**
	 * About 200 bytes each: all of them are twice what the subscriber's send buffer and socket buffers (which grow to
	 * megabytes on loopback) hold together.
	 */
	private static final int PUBLISHES = 8_000;

	private static final String PADDING = "x".repeat(100);

	private static final String CHANNEL = "held";

	private static final String APP = "held_back";

	@Autowired
	private IpcTemplate template;

	@Test
	void heldBackPublishersLeaveTheContainerThreadsToOthersAndLoseNothing() throws Exception {
		// given: a subscriber that is behind but not stalled (the stall timeout is a minute)
		TcpRawClient subscriber = track(RawClient.tcp(tcpPort(), 4096));
		subscriber.connect(APP);
		subscriber.send(CHANNEL, "subscribe", Map.of("connection_id", subscriber.connectionId()));
		subscriber.sync();
		subscriber.pauseReading();
		long slowConsumersBefore = slowConsumersClosed();

		// when: more WebSocket publishers than Tomcat has threads flood the channel
		List<CompletableFuture<Void>> floods = new ArrayList<>();
		for (int p = 0; p < PUBLISHERS; p++) {
			floods.add(flood(connected(Transport.WEBSOCKET, APP), p));
		}
		awaitAllHeldBack();

		// then: HTTP and a new WebSocket connection are served meanwhile
		HttpResponse<String> health = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.get(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(health.statusCode()).isEqualTo(200);
		RawClient newcomer = connected(Transport.WEBSOCKET, TestHandlers.APP);
		assertThat(newcomer.request("echo", Map.of("n", 1)).path("payload").path("n").asInt()).isEqualTo(1);

		// and once the subscriber reads again, every publish arrives, each publisher's in order
		subscriber.resumeReading();
		int[] next = new int[PUBLISHERS];
		int received = 0;
		while (received < PUBLISHERS * PUBLISHES) {
			JsonNode frame = subscriber.poll(Duration.ofSeconds(30));
			assertThat(frame).as("publish %d of %d", received + 1, PUBLISHERS * PUBLISHES).isNotNull();
			if (!"publish".equals(frame.path("message_type").asString())) {
				assertThat(frame.path("payload").has("error")).as("an error notice: %s", frame).isFalse();
				continue;
			}
			int publisher = frame.path("payload").path("publisher").asInt();
			assertThat(frame.path("payload").path("seq").asInt()).as("seq of publisher %d", publisher)
				.isEqualTo(next[publisher]);
			next[publisher]++;
			received++;
		}
		for (CompletableFuture<Void> flood : floods) {
			assertThat(flood).succeedsWithin(Duration.ofSeconds(10));
		}
		assertThat(slowConsumersClosed() - slowConsumersBefore).as("connections closed as slow consumers").isZero();
		assertThat(this.template.subscriberCount(APP, CHANNEL)).isEqualTo(1);
	}

	/**
	 * Waits until the server has stopped taking publishes for a second, short of all of them: every publisher is
	 * held back.
	 */
	private void awaitAllHeldBack() {
		long total = (long) PUBLISHERS * PUBLISHES;
		long[] last = { -1 };
		AtomicInteger quietChecks = new AtomicInteger();
		await("every publisher held back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
			.until(() -> {
				long now = publishesReceived();
				boolean moved = now != last[0];
				last[0] = now;
				return moved ? quietChecks.getAndSet(0) < 0 : quietChecks.incrementAndGet() >= 4;
			});
		assertThat(last[0]).as("publishes the server took").isLessThan(total);
	}

	private long publishesReceived() {
		return this.template.statistics().messagesReceived().getOrDefault(MessageType.PUBLISH, 0L);
	}

	private static CompletableFuture<Void> flood(RawClient publisher, int id) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				for (int seq = 0; seq < PUBLISHES; seq++) {
					publisher.send(CHANNEL, "publish", Map.of("publisher", id, "seq", seq, "pad", PADDING));
				}
				done.complete(null);
			}
			catch (Throwable ex) {
				done.completeExceptionally(ex);
			}
		}, "publisher-" + id);
		thread.setDaemon(true);
		thread.start();
		return done;
	}

	private long slowConsumersClosed() {
		return this.template.statistics().slowConsumersClosed().values().stream().mapToLong(Long::longValue).sum();
	}

}
