package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ipcframework.cluster.RedisHistoryStatistics.Operation;
import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.WireAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ipcframework.cluster.ClusterHistoryTests.capable;
import static dev.ipcframework.cluster.ClusterHistoryTests.nextPublish;
import static dev.ipcframework.cluster.ClusterHistoryTests.position;
import static dev.ipcframework.cluster.ClusterHistoryTests.subscribeAndCollect;
import static dev.ipcframework.cluster.ClusterRedisOutageTests.clusterStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * History with Redis away, then back empty: meanwhile a node keeps and recovers nothing (publishes reach its own
 * subscribers without positions, a {@code subscribe} answers {@code "recovered":false,"offset":0,"epoch":""},
 * {@code history} answers {@code TIMEOUT}); once Redis is back, publishes get positions again, under a new epoch,
 * and a client recovers on another node.
 */
class ClusterHistoryOutageTests extends ClusterTest {

	@Test
	void nothingIsKeptOrRecoveredWhileRedisIsAwayAndBothResumeWhenItIsBack() {
		ClusterTestNode a = node("node-a", ClusterHistoryTests.HISTORY);
		ClusterTestNode b = node("node-b", ClusterHistoryTests.HISTORY);
		awaitNodes(a, b);
		RawClient subscriber = capable(a, APP);
		String epoch = ClusterHistoryTests.subscribe(subscriber, "ticks", null).path("payload").path("epoch").asString();
		RawClient publisher = a.client(APP);
		publisher.send("ticks", "publish", Map.of("n", 1));
		assertThat(position(nextPublish(subscriber))).isEqualTo(new StreamPosition(1, epoch));

		redis.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> clusterStatus(a).equals("DOWN"));
		publisher.send("ticks", "publish", Map.of("n", 2));
		JsonNode alone = nextPublish(subscriber);
		RawClient comingBack = capable(a, APP);
		JsonNode ack = ClusterHistoryTests.subscribe(comingBack, "ticks", new StreamPosition(1, epoch))
			.path("payload");
		RawClient reader = capable(a, APP);
		String read = reader.send("system", "request", Map.of("action", "history", "channel_id", "ticks"));
		JsonNode readAnswer = reader.awaitResponse(read);

		assertThat(alone.path("payload").path("n").asInt()).isEqualTo(2);
		assertThat(alone.has("offset")).as("no position while Redis is away: %s", alone).isFalse();
		assertThat(alone.has("epoch")).isFalse();
		assertThat(ack.path("recovered").asBoolean()).isFalse();
		assertThat(ack.path("offset").asLong()).isZero();
		assertThat(ack.path("epoch").asString()).isEmpty();
		WireAssertions.assertErrorResponse(readAnswer, read, "TIMEOUT");
		RedisHistoryStatistics stats = a.bean(RedisHistoryStore.class).statistics();
		assertThat(stats.failures(Operation.APPEND)).isPositive();
		assertThat(stats.failures(Operation.RECOVER)).isPositive();
		assertThat(stats.failures(Operation.READ)).isPositive();

		redis.startAgain();
		await().atMost(Duration.ofSeconds(20)).until(() -> clusterStatus(a).equals("UP"));
		await().atMost(Duration.ofSeconds(20)).until(() -> clusterStatus(b).equals("UP"));
		// Lettuce subscribes again to the channel, whose kept publishes come back through it
		awaitListeningNodes(APP, "ticks", 1);
		publisher.send("ticks", "publish", Map.of("n", 3));
		publisher.send("ticks", "publish", Map.of("n", 4));
		JsonNode third = nextPublish(subscriber);
		JsonNode fourth = nextPublish(subscriber);

		String newEpoch = position(third).epoch();
		assertThat(newEpoch).as("Redis came back empty: a new epoch").isNotEmpty().isNotEqualTo(epoch);
		assertThat(third.path("payload").path("n").asInt()).isEqualTo(3);
		assertThat(position(third).offset()).isEqualTo(1);
		assertThat(position(fourth)).isEqualTo(new StreamPosition(2, newEpoch));
		assertThat(position(nextPublish(comingBack))).as("the one that joined meanwhile too")
			.isEqualTo(new StreamPosition(1, newEpoch));

		RawClient elsewhere = capable(b, APP);
		List<JsonNode> received = subscribeAndCollect(elsewhere, "ticks", new StreamPosition(1, newEpoch));
		JsonNode recovered = received.remove(received.size() - 1).path("payload");
		assertThat(recovered.path("recovered").asBoolean()).isTrue();
		assertThat(recovered.path("offset").asLong()).isEqualTo(2);
		assertThat(recovered.path("epoch").asString()).isEqualTo(newEpoch);
		assertThat(received).extracting((frame) -> frame.path("payload").path("n").asInt()).containsExactly(4);
	}

}
