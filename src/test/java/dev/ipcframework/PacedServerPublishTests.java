package dev.ipcframework;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.routing.IpcTemplate;
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
 * Server code that publishes faster than a subscriber's connection takes it: with a {@code maxWait} it is held back
 * until the subscriber reads again, which then gets everything in order; without one the subscriber's send buffer
 * overflows and it is cut off as a slow consumer, as the limits say.
 */
@TestPropertySource(properties = { "ipc.connection.send-buffer=65536", "ipc.connection.stall-timeout=60s",
		"ipc.connection.write-timeout=60s" })
class PacedServerPublishTests extends IpcServerTest {

	private static final String APP = "paced_feed";

	/** About 200 bytes each: twice what the send buffer and the sockets' buffers hold together. */
	private static final int PUBLISHES = 40_000;

	private static final String PADDING = "x".repeat(150);

	@Autowired
	private IpcTemplate template;

	@Test
	void aPacedServerPublisherWaitsForASubscriberThatIsBehindAndLosesNothing() throws Exception {
		TcpRawClient subscriber = pausedSubscriber("paced");
		long slowConsumersBefore = slowConsumersClosed();
		AtomicInteger published = new AtomicInteger();

		CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
			for (int seq = 0; seq < PUBLISHES; seq++) {
				int queuedTo = this.template.publish(APP, "paced", Map.of("seq", seq, "pad", PADDING),
						Duration.ofSeconds(60));
				assertThat(queuedTo).as("subscribers publish %d reached", seq).isEqualTo(1);
				published.incrementAndGet();
			}
		});
		awaitStopped(published);
		assertThat(feed).as("the feed, while the subscriber does not read").isNotDone();

		subscriber.resumeReading();
		for (int seq = 0; seq < PUBLISHES; seq++) {
			JsonNode frame = subscriber.poll(Duration.ofSeconds(30));
			assertThat(frame).as("publish %d", seq).isNotNull();
			assertThat(frame.path("message_type").asString()).as("frame %s", frame).isEqualTo("publish");
			assertThat(frame.path("payload").path("seq").asInt()).isEqualTo(seq);
		}
		assertThat(feed).succeedsWithin(Duration.ofSeconds(10));
		assertThat(slowConsumersClosed() - slowConsumersBefore).as("connections closed as slow consumers").isZero();
		assertThat(this.template.subscriberCount(APP, "paced")).isEqualTo(1);
	}

	@Test
	void anUnpacedServerPublisherGetsASubscriberThatIsBehindCutOff() {
		pausedSubscriber("unpaced");
		long slowConsumersBefore = slowConsumersClosed();

		for (int seq = 0; seq < PUBLISHES; seq++) {
			this.template.publish(APP, "unpaced", Map.of("seq", seq, "pad", PADDING));
		}

		await().atMost(RawClient.TIMEOUT).until(() -> slowConsumersClosed() > slowConsumersBefore);
		await().atMost(RawClient.TIMEOUT).until(() -> this.template.subscriberCount(APP, "unpaced") == 0);
	}

	/** A subscriber that is behind but not stalled (the stall timeout is a minute): it reads nothing for now. */
	private TcpRawClient pausedSubscriber(String channel) {
		TcpRawClient subscriber = track(RawClient.tcp(tcpPort(), 4096));
		subscriber.connect(APP);
		subscriber.send(channel, "subscribe", Map.of("connection_id", subscriber.connectionId()));
		subscriber.sync();
		subscriber.pauseReading();
		return subscriber;
	}

	/** Waits until the count has not moved for a second. */
	private static void awaitStopped(AtomicInteger count) {
		int[] last = { -1 };
		AtomicInteger quietChecks = new AtomicInteger();
		await("the feed held back").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			int now = count.get();
			boolean moved = now != last[0];
			last[0] = now;
			return moved ? quietChecks.getAndSet(0) < 0 : quietChecks.incrementAndGet() >= 4;
		});
	}

	private long slowConsumersClosed() {
		return this.template.statistics().slowConsumersClosed().values().stream().mapToLong(Long::longValue).sum();
	}

}
