package dev.ipcframework;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.TcpRawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * A publisher that floods a channel as fast as its socket takes frames is held back by the server (which stops
 * reading it while the messages it caused wait to be written) instead of costing a subscriber that keeps reading its
 * connection. A subscriber that stops reading is still cut off as a slow consumer, once it has stalled for
 * {@code ipc.connection.stall-timeout} and no longer holds the publisher back.
 */
@TestPropertySource(properties = { "ipc.connection.send-buffer=262144", "ipc.connection.write-timeout=5s",
		"ipc.connection.stall-timeout=1s" })
class BackpressureTests extends IpcServerTest {

	private static final int PUBLISHES = 50_000;

	private static final String CHANNEL = "flood";

	/** Makes the payload {"seq":n,"pad":"xx…"} about 100 bytes long. */
	private static final String PADDING = "x".repeat(80);

	private static final int TCP_SUBSCRIBERS = 3;

	private static final int WEBSOCKET_SUBSCRIBERS = 2;

	/** Generous, since the publisher's writes are meant to block for a while. */
	private static final Duration DEADLINE = Duration.ofSeconds(60);

	@Autowired
	private IpcTemplate template;

	private final List<Drain> drains = new ArrayList<>();

	@AfterEach
	void stopDrains() {
		this.drains.forEach(Drain::stop);
	}

	@ParameterizedTest(name = "publisher over {0}")
	@EnumSource(Transport.class)
	void floodingPublisherIsHeldBackInsteadOfCuttingOffSubscribersThatKeepReading(Transport publisherTransport) {
		// given
		String app = freshApp();
		List<Drain> healthy = healthySubscribers(app);
		RawClient publisher = connected(publisherTransport, app);
		long slowConsumersBefore = slowConsumersClosed();

		// when
		CompletableFuture<Void> flood = flood(publisher);

		// then
		awaitEveryPublishOrAFailure(healthy, flood);
		assertEveryPublishArrivedExactlyOnceInOrder(healthy);
		assertThat(flood).as("the flooding publisher").succeedsWithin(Duration.ofSeconds(10));
		assertThat(slowConsumersClosed() - slowConsumersBefore).as("connections closed as slow consumers").isZero();
		assertThat(this.template.subscriberCount(app, CHANNEL)).isEqualTo(healthy.size());
		assertPublisherStillServed(publisher);
	}

	@ParameterizedTest(name = "publisher over {0}")
	@EnumSource(Transport.class)
	void stalledSubscriberIsStillCutOffWhileTheOthersGetEveryPublishInOrder(Transport publisherTransport) {
		// given
		String app = freshApp();
		List<Drain> healthy = healthySubscribers(app);
		TcpRawClient stalled = stalledSubscriber(app);
		RawClient publisher = connected(publisherTransport, app);
		long slowConsumersBefore = slowConsumersClosed();

		// when
		CompletableFuture<Void> flood = flood(publisher);

		// then
		awaitEveryPublishOrAFailure(healthy, flood);
		assertEveryPublishArrivedExactlyOnceInOrder(healthy);
		assertThat(flood).as("the flooding publisher").succeedsWithin(Duration.ofSeconds(10));
		await("the stalled subscriber to be closed by the server").atMost(DEADLINE).untilAsserted(() -> {
			assertThat(this.template.connection(stalled.connectionId())).isNull();
			assertThat(this.template.subscriberCount(app, CHANNEL)).isEqualTo(healthy.size());
		});
		stalled.resumeReading();
		assertThat(stalled.awaitClosed(Duration.ofSeconds(15))).as("EOF on the stalled subscriber's socket").isTrue();
		assertThat(slowConsumersClosed() - slowConsumersBefore).as("connections closed as slow consumers")
			.isEqualTo(1);
		assertPublisherStillServed(publisher);
	}

	/** 3 TCP and 2 WebSocket subscribers, each drained by a thread of its own as fast as it can. */
	private List<Drain> healthySubscribers(String app) {
		List<Drain> healthy = new ArrayList<>();
		for (int i = 0; i < TCP_SUBSCRIBERS + WEBSOCKET_SUBSCRIBERS; i++) {
			Transport transport = (i < TCP_SUBSCRIBERS) ? Transport.TCP : Transport.WEBSOCKET;
			RawClient client = subscribe(connected(transport, app));
			healthy.add(drain(transport + " subscriber " + i, client));
		}
		return healthy;
	}

	/** A TCP subscriber with a small receive buffer that never reads again once subscribed. */
	private TcpRawClient stalledSubscriber(String app) {
		TcpRawClient stalled = track(RawClient.tcp(tcpPort(), 4096));
		stalled.connect(app);
		subscribe(stalled);
		stalled.pauseReading();
		return stalled;
	}

	/** Writes every publish as fast as the socket takes it, never waiting for subscribers. */
	private static CompletableFuture<Void> flood(RawClient publisher) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				for (int seq = 0; seq < PUBLISHES; seq++) {
					publisher.send(CHANNEL, "publish", Map.of("seq", seq, "pad", PADDING));
				}
				done.complete(null);
			}
			catch (Throwable ex) {
				done.completeExceptionally(ex);
			}
		}, "flooding-publisher");
		thread.setDaemon(true);
		thread.start();
		return done;
	}

	/** Waits until every subscriber has every publish, or one of them has failed, or the publisher has. */
	private static void awaitEveryPublishOrAFailure(List<Drain> healthy, CompletableFuture<Void> flood) {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		while (System.nanoTime() < deadline && !flood.isCompletedExceptionally()
				&& healthy.stream().noneMatch(Drain::failed)
				&& !healthy.stream().allMatch((drain) -> drain.received() >= PUBLISHES)) {
			sleep(Duration.ofMillis(50));
		}
		// a duplicate after the last publish would arrive about now
		sleep(Duration.ofMillis(300));
	}

	/** Checks every subscriber, so that a failure names the subscriber that failed first, not one left waiting. */
	private static void assertEveryPublishArrivedExactlyOnceInOrder(List<Drain> healthy) {
		healthy.forEach(Drain::stop);
		assertSoftly((softly) -> {
			for (Drain drain : healthy) {
				softly.assertThat(drain.errors).as("errors sent to %s", drain).isEmpty();
				softly.assertThat(drain.client.isClosed()).as("%s closed by the server", drain).isFalse();
				softly.assertThat(drain.firstGap).as("seq strictly increasing by 1 at %s", drain).isNull();
				softly.assertThat(drain.received()).as("publishes received by %s", drain).isEqualTo(PUBLISHES);
			}
		});
	}

	private void assertPublisherStillServed(RawClient publisher) {
		assertThat(this.template.connection(publisher.connectionId())).as("the publisher's connection").isNotNull();
		publisher.sync();
	}

	private long slowConsumersClosed() {
		return this.template.statistics().slowConsumersClosed().values().stream().mapToLong(Long::longValue).sum();
	}

	private static String freshApp() {
		return "flood_" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static <C extends RawClient> C subscribe(C client) {
		client.send(CHANNEL, "subscribe", Map.of("connection_id", client.connectionId()));
		client.sync();
		return client;
	}

	private Drain drain(String name, RawClient client) {
		Drain drain = new Drain(name, client);
		this.drains.add(drain);
		return drain;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Takes a subscriber's frames as they arrive and checks them: publishes on {@link #CHANNEL} must carry seq 0, 1,
	 * 2, … with no gap and no repeat; any error notice is kept.
	 */
	private static final class Drain {

		private final String name;

		private final RawClient client;

		private final Thread thread;

		private final AtomicInteger received = new AtomicInteger();

		private final List<String> errors = new CopyOnWriteArrayList<>();

		private volatile String firstGap;

		private volatile boolean stopped;

		private int nextSeq;

		Drain(String name, RawClient client) {
			this.name = name;
			this.client = client;
			this.thread = new Thread(this::run, "drain-" + name);
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			while (!this.stopped) {
				JsonNode frame = this.client.poll(Duration.ofMillis(100));
				if (frame != null) {
					take(frame);
				}
			}
		}

		private void take(JsonNode frame) {
			if ("publish".equals(frame.path("message_type").asString())
					&& CHANNEL.equals(frame.path("channel_id").asString())) {
				int seq = frame.path("payload").path("seq").asInt(-1);
				if (seq != this.nextSeq && this.firstGap == null) {
					this.firstGap = "expected seq " + this.nextSeq + " but got " + seq;
				}
				this.nextSeq = seq + 1;
				this.received.incrementAndGet();
			}
			else if (frame.path("payload").has("error")) {
				this.errors.add(frame.path("payload").path("error").path("code").asString());
			}
		}

		int received() {
			return this.received.get();
		}

		boolean failed() {
			return this.firstGap != null || !this.errors.isEmpty() || this.client.isClosed();
		}

		/** Stops taking frames, and waits for the frame being checked. */
		void stop() {
			this.stopped = true;
			try {
				this.thread.join(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public String toString() {
			return this.name + " (" + received() + " of " + PUBLISHES + " received)";
		}

	}

}
