package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ipcframework.cluster.ClusterHistoryTests.capable;
import static dev.ipcframework.cluster.ClusterHistoryTests.history;
import static dev.ipcframework.cluster.ClusterHistoryTests.nextPublish;
import static dev.ipcframework.cluster.ClusterHistoryTests.offsets;
import static dev.ipcframework.cluster.ClusterHistoryTests.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The number of channel histories of an application is bounded in Redis as in memory ({@code ipc.apps.max-channels}):
 * publishes to further channels reach every node's subscribers without a position and are not kept, a channel whose
 * history expired makes room, and the nodes count what they kept and refused in their meters.
 */
class ClusterHistoryLimitsTests extends ClusterTest {

	/** Two channel histories per app; app {@code aged} keeps its messages 1 s. */
	private static final Map<String, String> TWO_CHANNELS;

	static {
		Map<String, String> properties = new HashMap<>(ClusterHistoryTests.HISTORY);
		properties.put("ipc.apps.max-channels", "2");
		TWO_CHANNELS = Map.copyOf(properties);
	}

	@Test
	void publishesToAChannelBeyondTheBoundAreDeliveredEverywhereWithoutPositionsAndNotKept() {
		ClusterTestNode a = node("node-a", TWO_CHANNELS);
		ClusterTestNode b = node("node-b", TWO_CHANNELS);
		awaitNodes(a, b);
		RawClient publisher = a.client(APP);
		RawClient reader = capable(b, APP);
		publisher.send("one", "publish", Map.of("n", 1));
		publisher.send("two", "publish", Map.of("n", 1));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> offsets(history(reader, "two", null, null)).size() == 1);

		RawClient remote = capable(b, APP);
		JsonNode remoteAck = ClusterHistoryTests.subscribe(remote, "three", null).path("payload");
		RawClient local = capable(a, APP);
		JsonNode localAck = ClusterHistoryTests.subscribe(local, "three", null).path("payload");
		awaitListeningNodes(APP, "three", 2);
		publisher.send("three", "publish", Map.of("n", 1));
		publisher.send("one", "publish", Map.of("n", 2));
		JsonNode remoteLive = nextPublish(remote);
		JsonNode localLive = nextPublish(local);

		for (JsonNode ack : new JsonNode[] { remoteAck, localAck }) {
			assertThat(ack.path("recovered").asBoolean()).isFalse();
			assertThat(ack.path("offset").asLong()).isZero();
			assertThat(ack.path("epoch").asString()).as("no history for a third channel").isEmpty();
		}
		for (JsonNode live : new JsonNode[] { remoteLive, localLive }) {
			assertThat(live.path("payload").path("n").asInt()).isEqualTo(1);
			assertThat(live.has("offset")).as("delivered without a position: %s", live).isFalse();
		}
		await().atMost(Duration.ofSeconds(5))
			.until(() -> offsets(history(reader, "one", null, null)).size() == 2);
		JsonNode three = history(reader, "three", null, null);
		assertThat(three.path("messages")).isEmpty();
		assertThat(three.path("epoch").asString()).isEmpty();
		assertThat(redis.command("ZCARD ipc:history-channels:" + APP)).isEqualTo(":2\r\n");
		assertThat(redis.command("EXISTS ipc:history:{11:cluster_app:three}")).isEqualTo(":0\r\n");
		assertThat(redis.command("TTL ipc:history-channels:" + APP)).as("kept for good without a ttl")
			.isEqualTo(":-1\r\n");

		RedisHistoryStatistics stats = a.bean(RedisHistoryStore.class).statistics();
		assertThat(stats.keptMessages()).isEqualTo(3);
		assertThat(stats.refusedMessages()).isEqualTo(1);
		assertThat(stats.channels()).isEqualTo(2);
		assertThat(meter(a, "ipc.history.refused")).isEqualTo(1);
		assertThat(meter(a, "ipc.history.kept")).isEqualTo(3);
		assertThat(meter(a, "ipc.history.channels")).isEqualTo(2);
		assertThat(meter(a, "ipc.history.redis.failures")).isZero();
	}

	@Test
	void aChannelWhoseHistoryExpiredMakesRoomForAnother() {
		ClusterTestNode a = node("node-a", TWO_CHANNELS);
		RawClient publisher = a.client("aged");
		publisher.send("one", "publish", Map.of("n", 1));
		publisher.send("two", "publish", Map.of("n", 1));
		awaitChannels("aged", 2);
		RawClient watcher = capable(a, "aged");
		ClusterHistoryTests.subscribe(watcher, "news", null);
		publisher.send("news", "publish", Map.of("n", 1));
		JsonNode refused = nextPublish(watcher);
		assertThat(refused.has("offset")).as("a third channel of 'aged': %s", refused).isFalse();
		assertThat(redis.command("PTTL ipc:history-channels:aged")).startsWith(":").isNotEqualTo(":-1\r\n");

		// kept for 1 s: then 'one' and 'two' are gone, from the set as from Redis
		LockSupport.parkNanos(Duration.ofMillis(1200).toNanos());
		publisher.send("news", "publish", Map.of("n", 2));
		JsonNode kept = nextPublish(watcher);

		assertThat(kept.path("payload").path("n").asInt()).isEqualTo(2);
		assertThat(position(kept).offset()).isEqualTo(1);
		assertThat(redis.command("ZRANGE ipc:history-channels:aged 0 -1")).contains("news")
			.doesNotContain("one")
			.doesNotContain("two");
		assertThat(a.bean(RedisHistoryStore.class).statistics().channels()).isEqualTo(1);
	}

	@Test
	void aRecoveryBeyondTheBoundCreatesNothing() {
		ClusterTestNode a = node("node-a", TWO_CHANNELS);
		RawClient publisher = a.client(APP);
		publisher.send("one", "publish", Map.of("n", 1));
		publisher.send("two", "publish", Map.of("n", 1));
		awaitChannels(APP, 2);

		JsonNode ack = ClusterHistoryTests.subscribe(capable(a, APP), "three", new StreamPosition(4, "5c1f0e7a9b3d2c41"))
			.path("payload");

		assertThat(ack.path("recovered").asBoolean()).isFalse();
		assertThat(ack.path("epoch").asString()).isEmpty();
		assertThat(redis.command("EXISTS ipc:history:{11:cluster_app:three}")).isEqualTo(":0\r\n");
	}

	private static void awaitChannels(String app, int count) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> (":" + count + "\r\n").equals(redis.command("ZCARD ipc:history-channels:" + app)));
	}

	private static double meter(ClusterTestNode node, String name) {
		JsonNode measurements = node.actuator().read("/actuator/metrics/" + name).path("measurements");
		return measurements.get(0).path("value").asDouble();
	}

}
