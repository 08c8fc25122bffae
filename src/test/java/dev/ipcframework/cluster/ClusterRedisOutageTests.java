package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stopped for 10 s and started again, empty, while a publisher runs: local delivery never stops, the nodes
 * report {@code ipcCluster} DOWN and count what they could not forward, then rejoin by themselves (channel interest
 * and served channels announced again) and cross-node delivery resumes, with nothing delivered twice.
 */
class ClusterRedisOutageTests extends ClusterTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void nodesGoOnAloneWhileRedisIsAwayAndRejoinWhenItIsBack() throws Exception {
		ClusterTestNode a = node("node-a");
		ClusterTestNode b = node("node-b");
		awaitNodes(a, b);
		RawClient localSubscriber = a.client(APP);
		RawClient remoteSubscriber = b.client(APP);
		subscribe(localSubscriber, "ticks");
		subscribe(remoteSubscriber, "ticks");
		RawClient responder = b.client(APP);
		ClusterRoutingTests.serve(responder, "calc");
		awaitListeningNodes(APP, "ticks", 2);
		RawClient publisher = a.client(APP);
		AtomicInteger published = new AtomicInteger();
		AtomicBoolean publishing = new AtomicBoolean(true);
		Thread traffic = new Thread(() -> {
			while (publishing.get()) {
				publisher.send("ticks", "publish", Map.of("seq", published.getAndIncrement()));
				sleep(20);
			}
		});
		traffic.start();
		List<Integer> local = new ArrayList<>();
		List<Integer> remote = new ArrayList<>();
		try {
			receiveUntil(remoteSubscriber, remote, 20);

			redis.stop();
			await().atMost(Duration.ofSeconds(10)).until(() -> clusterStatus(a).equals("DOWN"));
			await().atMost(Duration.ofSeconds(10)).until(() -> clusterStatus(b).equals("DOWN"));
			int beforeOutage = published.get();
			receiveUntil(localSubscriber, local, beforeOutage + 50);
			assertThat(a.bean(ClusterStatistics.class).unforwardedMessages()).as("counted while alone").isPositive();
			assertThat(a.actuator().read("/actuator/metrics/ipc.cluster.messages.unforwarded")
				.path("measurements").get(0).path("value").asDouble()).isPositive();
			sleep(10_000);
			int lastBeforeRestart = published.get();

			redis.startAgain();
			await().atMost(Duration.ofSeconds(20)).until(() -> clusterStatus(a).equals("UP"));
			await().atMost(Duration.ofSeconds(20)).until(() -> clusterStatus(b).equals("UP"));
			// Lettuce resubscribes within a second of reconnecting; a loaded machine may take longer
			await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
				takeArrived(remoteSubscriber, remote);
				assertThat(remote.get(remote.size() - 1)).isGreaterThan(lastBeforeRestart);
			});
		}
		finally {
			publishing.set(false);
			traffic.join();
		}
		int total = published.get();
		receiveUntil(localSubscriber, local, total);
		sleep(500);
		drain(remoteSubscriber, remote);
		drain(localSubscriber, local);

		assertThat(local).as("local delivery never stopped, in order, nothing twice").hasSize(total);
		for (int i = 0; i < total; i++) {
			assertThat(local.get(i)).isEqualTo(i);
		}
		for (int i = 1; i < remote.size(); i++) {
			assertThat(remote.get(i)).as("across nodes: in order, nothing twice").isGreaterThan(remote.get(i - 1));
		}
		RawClient requester = a.client(APP);
		String requestId = requester.send("calc", "request", Map.of("x", 1));
		JsonNode forwarded = responder.await((frame) -> "request".equals(frame.path("message_type").asString()));
		ClusterRoutingTests.respond(responder, forwarded, Map.of("result", 2));
		assertThat(requester.awaitResponse(requestId).path("payload").path("result").asInt())
			.as("the served channel was announced again on rejoin")
			.isEqualTo(2);
	}

	static String clusterStatus(ClusterTestNode node) {
		// 503 while a component is down, with the same body
		String body = node.actuator().send("GET", "/actuator/health").body();
		return JSON.readTree(body).path("components").path("ipcCluster").path("status").asString();
	}

	/** Takes publishes until one with this sequence number or more has arrived. */
	private static void receiveUntil(RawClient subscriber, List<Integer> into, int seq) {
		while (into.isEmpty() || into.get(into.size() - 1) < seq - 1) {
			into.add(subscriber.next().path("payload").path("seq").asInt());
		}
	}

	/**
	 * Takes what has arrived, for at most 200 ms: while the publisher runs, frames never stop coming, and a drain
	 * that waits for a pause would never return.
	 */
	private static void takeArrived(RawClient subscriber, List<Integer> into) {
		long deadline = System.nanoTime() + Duration.ofMillis(200).toNanos();
		JsonNode frame;
		while (System.nanoTime() < deadline && (frame = subscriber.poll(Duration.ofMillis(50))) != null) {
			into.add(frame.path("payload").path("seq").asInt());
		}
	}

	/** Takes everything until a pause, once the publisher has stopped. */
	private static void drain(RawClient subscriber, List<Integer> into) {
		JsonNode frame;
		while ((frame = subscriber.poll(Duration.ofMillis(50))) != null) {
			into.add(frame.path("payload").path("seq").asInt());
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
