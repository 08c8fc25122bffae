package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import static org.awaitility.Awaitility.await;

/**
 * Base of the cluster tests: a real {@code redis-server} on a free port for the test class (the tests are skipped,
 * saying so, where it is not installed), and nodes that are stopped after each test.
 */
abstract class ClusterTest {

	protected static final String APP = "cluster_app";

	protected static RedisServerProcess redis;

	private final List<ClusterTestNode> nodes = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		Assumptions.assumeTrue(RedisServerProcess.isInstalled(),
				"redis-server is not installed (Debian: apt-get install redis-server): cluster tests skipped");
		redis = RedisServerProcess.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.stop();
		}
	}

	@AfterEach
	void stopNodes() {
		this.nodes.forEach(ClusterTestNode::close);
		this.nodes.clear();
		redis.command("FLUSHALL");
	}

	protected ClusterTestNode node(String nodeId, Class<?>... extraSources) {
		ClusterTestNode node = ClusterTestNode.start(nodeId, redis, extraSources);
		this.nodes.add(node);
		return node;
	}

	/** A node with more properties than the others' own. */
	protected ClusterTestNode node(String nodeId, Map<String, String> properties, Class<?>... extraSources) {
		ClusterTestNode node = ClusterTestNode.start(nodeId, redis.port(), properties, extraSources);
		this.nodes.add(node);
		return node;
	}

	/** Waits until every node sees all of them. */
	protected static void awaitNodes(ClusterTestNode... nodes) {
		for (ClusterTestNode node : nodes) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> node.bean(ClusterMembership.class).nodes().size() == nodes.length);
		}
	}

	/** Waits until this many nodes listen to the channel's publishes in Redis. */
	protected static void awaitListeningNodes(String app, String channel, int count) {
		String topic = "ipc:pub:" + app.length() + ":" + app + ":" + channel;
		await().atMost(Duration.ofSeconds(10)).until(() -> listening(topic) == count);
	}

	protected static int listening(String topic) {
		// *4\r\n$len\r\ntopic\r\n:N\r\n
		String reply = redis.command("PUBSUB NUMSUB " + topic);
		int colon = reply.lastIndexOf(':');
		return Integer.parseInt(reply.substring(colon + 1).trim());
	}

	protected static void subscribe(RawClient client, String channel) {
		client.send(channel, "subscribe", Map.of("connection_id", client.connectionId()));
		client.sync();
	}

}
