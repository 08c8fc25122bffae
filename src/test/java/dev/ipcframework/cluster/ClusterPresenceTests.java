package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.testsupport.HistoryServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ipcframework.cluster.ClusterHistoryTests.capable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence with the cluster on: a channel's presence counts its subscribers on every node, listeners hear of
 * joins and leaves on other nodes, the subscribers of a node that dies leave with it, and a Redis that lost its
 * data gets every node's subscribers again.
 */
class ClusterPresenceTests extends ClusterTest {

	private static final Map<String, String> PRESENCE = Map.of("ipc.presence.enabled", "true");

	private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

	/** Room for a loaded machine (a CI run on two cores) beyond the node timeout and a heartbeat. */
	private static final Duration SLACK = Duration.ofSeconds(2);

	private final List<ClusterNodeProcess> processes = new ArrayList<>();

	@AfterEach
	void killProcesses() {
		this.processes.forEach(ClusterNodeProcess::close);
	}

	@Test
	void countsTheSubscribersOfEveryNodeAndTellsTheirJoiningAndLeaving() {
		ClusterTestNode a = node("node-a", PRESENCE);
		ClusterTestNode b = node("node-b", PRESENCE);
		awaitNodes(a, b);
		RawClient watcher = watchRoom(a);
		RawClient ada = capable(b, APP);
		RawClient original = b.client(APP);

		subscribe(ada, "room", Map.of("info", Map.of("name", "Ada")));
		JsonNode joined = presenceEvent(watcher);
		subscribe(original, "room");
		presenceEvent(watcher);
		JsonNode both = presence(a.client(APP), "room");
		JsonNode fromB = presence(b.client(APP), "room");
		ada.send("room", "unsubscribe", Map.of());
		JsonNode left = presenceEvent(watcher);

		HistoryServerTest.assertSevenKeys(joined);
		assertThat(joined.path("payload").path("event").asString()).isEqualTo("join");
		assertThat(joined.path("payload").path("channel_id").asString()).isEqualTo("room");
		assertThat(joined.path("payload").path("connection_id").asString()).isEqualTo(ada.connectionId());
		assertThat(joined.path("payload").path("info").path("name").asString()).isEqualTo("Ada");
		assertThat(both.path("count").asInt()).isEqualTo(3);
		assertThat(connectionIds(both)).containsExactlyInAnyOrder(watcher.connectionId(), ada.connectionId(),
				original.connectionId());
		assertThat(entryOf(both, ada.connectionId()).path("info").path("name").asString()).isEqualTo("Ada");
		assertThat(fromB.path("count").asInt()).isEqualTo(3);
		assertThat(left.path("payload").path("event").asString()).isEqualTo("leave");
		assertThat(left.path("payload").path("connection_id").asString()).isEqualTo(ada.connectionId());
		await().atMost(Duration.ofSeconds(5)).until(() -> presence(watcher, "room").path("count").asInt() == 2);
		original.close();
		assertThat(presenceEvent(watcher).path("payload").path("connection_id").asString())
			.isEqualTo(original.connectionId());
		assertThat(presence(watcher, "room").path("count").asInt()).isEqualTo(1);
	}

	@Test
	void theSubscribersOfAKilledNodeLeaveWithIt() {
		ClusterTestNode survivor = node("node-a", PRESENCE);
		ClusterNodeProcess doomed = ClusterNodeProcess.start("node-b", redis.port(), "200ms",
				NODE_TIMEOUT.toMillis() + "ms", List.of("--ipc.presence.enabled=true"));
		this.processes.add(doomed);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> survivor.bean(ClusterMembership.class).nodes().size() == 2);
		RawClient watcher = watchRoom(survivor);
		RawClient doomedSubscriber = survivor.track(RawClient.tcp(doomed.tcpPort()));
		doomedSubscriber.connect(APP);
		subscribe(doomedSubscriber, "room");
		presenceEvent(watcher);
		assertThat(presence(watcher, "room").path("count").asInt()).isEqualTo(2);

		long killedAt = System.nanoTime();
		doomed.kill();

		JsonNode left = presenceEvent(watcher);
		Duration after = Duration.ofNanos(System.nanoTime() - killedAt);
		assertThat(left.path("payload").path("event").asString()).isEqualTo("leave");
		assertThat(left.path("payload").path("connection_id").asString()).isEqualTo(doomedSubscriber.connectionId());
		assertThat(after).isLessThan(NODE_TIMEOUT.plus(SLACK));
		JsonNode now = presence(watcher, "room");
		assertThat(now.path("count").asInt()).isEqualTo(1);
		assertThat(connectionIds(now)).containsExactly(watcher.connectionId());
		await("its entries are removed").atMost(Duration.ofSeconds(5))
			.until(() -> ":0\r\n".equals(redis.command("EXISTS ipc:presence:{11:cluster_app:room}:node-b")));
	}

	@Test
	void presenceIsBuiltAgainAfterRedisLostItsData() {
		ClusterTestNode a = node("node-a", PRESENCE);
		ClusterTestNode b = node("node-b", PRESENCE);
		awaitNodes(a, b);
		RawClient watcher = watchRoom(a);
		RawClient ada = capable(b, APP);
		subscribe(ada, "room", Map.of("info", Map.of("name", "Ada")));
		presenceEvent(watcher);
		assertThat(presence(watcher, "room").path("count").asInt()).isEqualTo(2);

		redis.command("FLUSHALL");

		// each node finds its heartbeat key gone at its next beat, joins again and announces its subscribers
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ":1\r\n".equals(redis.command("EXISTS ipc:presence:{11:cluster_app:room}:node-b"))
					&& ":1\r\n".equals(redis.command("EXISTS ipc:presence:{11:cluster_app:room}:node-a")));
		await().atMost(Duration.ofSeconds(5)).until(() -> presence(watcher, "room").path("count").asInt() == 2);
		JsonNode fromA = presence(watcher, "room");
		JsonNode fromB = presence(b.client(APP), "room");
		assertThat(connectionIds(fromA)).containsExactlyInAnyOrder(watcher.connectionId(), ada.connectionId());
		assertThat(entryOf(fromA, ada.connectionId()).path("info").path("name").asString()).isEqualTo("Ada");
		assertThat(connectionIds(fromB)).containsExactlyInAnyOrder(watcher.connectionId(), ada.connectionId());
		assertThat(watcher.poll(Duration.ofMillis(500))).as("nobody joined or left").isNull();
		ada.close();
		JsonNode left = presenceEvent(watcher);
		assertThat(left.path("payload").path("event").asString()).isEqualTo("leave");
		assertThat(left.path("payload").path("connection_id").asString()).isEqualTo(ada.connectionId());
	}

	private static void subscribe(RawClient client, String channel, Map<String, ?> extra) {
		Map<String, Object> payload = new java.util.LinkedHashMap<>(extra);
		payload.put("connection_id", client.connectionId());
		client.awaitResponse(client.send(channel, "subscribe", payload));
	}

	private static JsonNode presence(RawClient client, String channel) {
		return client
			.awaitResponse(client.send("system", "request", Map.of("action", "presence", "channel_id", channel)))
			.path("payload");
	}

	private static JsonNode presenceEvent(RawClient client) {
		return client.await((frame) -> "presence_event".equals(frame.path("payload").path("action").asString()));
	}

	private static List<String> connectionIds(JsonNode presence) {
		List<String> ids = new ArrayList<>();
		presence.path("subscribers").forEach((entry) -> ids.add(entry.path("connection_id").asString()));
		return ids;
	}

	private static JsonNode entryOf(JsonNode presence, String connectionId) {
		List<JsonNode> entries = new ArrayList<>();
		presence.path("subscribers").forEach(entries::add);
		return entries.stream()
			.filter((entry) -> connectionId.equals(entry.path("connection_id").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(connectionId + " not in " + presence));
	}

	/** A capable client on the node that hears of joins and leaves in "room", once the cluster knows it listens. */
	private static RawClient watchRoom(ClusterTestNode node) {
		RawClient watcher = capable(node, APP);
		subscribe(watcher, "room", Map.of("presence_events", true));
		awaitListeningNodes(APP, "room", 1);
		return watcher;
	}

}
