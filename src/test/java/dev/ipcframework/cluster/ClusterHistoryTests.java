package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.testsupport.HistoryServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channel histories in Redis with the cluster on: a client recovers on any node what was published on another
 * while it was away, the history outlives a node's restart, a Redis that lost its data starts a new epoch, and the
 * size and age limits trim the streams.
 */
class ClusterHistoryTests extends ClusterTest {

	/** 100 messages per channel; app {@code deep} keeps 100000, {@code small} 3, {@code aged} keeps them 1 s. */
	static final Map<String, String> HISTORY = Map.of("ipc.history.size", "100", "ipc.history.apps.deep.size",
			"100000", "ipc.history.apps.small.size", "3", "ipc.history.apps.aged.ttl", "1s");

	@Test
	void recoversOnAnotherNodeWhatWasPublishedOnTheFirstOnceAndInOrderThenLiveOnes() throws Exception {
		ClusterTestNode a = node("node-a", HISTORY);
		ClusterTestNode b = node("node-b", HISTORY);
		awaitNodes(a, b);
		RawClient publisher = a.client("deep");
		RawClient original = b.client("deep");
		subscribe(original, "feed");
		RawClient away = capable(a, "deep");
		JsonNode first = subscribe(away, "feed", null).path("payload");
		assertThat(first.path("recovered").asBoolean()).isFalse();
		assertThat(first.path("offset").asLong()).isZero();
		String epoch = first.path("epoch").asString();
		assertThat(epoch).isNotEmpty();
		publisher.send("feed", "publish", Map.of("n", 1));
		assertThat(position(nextPublish(away))).isEqualTo(new StreamPosition(1, epoch));
		away.close();

		AtomicInteger published = new AtomicInteger(1);
		AtomicBoolean stop = new AtomicBoolean();
		Thread publishing = new Thread(() -> {
			while (!stop.get()) {
				publisher.send("feed", "publish", Map.of("n", published.incrementAndGet()));
				if (published.get() % 20 == 0) {
					LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
				}
			}
		});
		publishing.start();
		LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		RawClient back = capable(b, "deep");
		List<JsonNode> received = subscribeAndCollect(back, "feed", new StreamPosition(1, epoch));
		LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		stop.set(true);
		publishing.join(10_000);
		int last = published.get();

		JsonNode ack = received.remove(received.size() - 1).path("payload");
		assertThat(ack.path("recovered").asBoolean()).isTrue();
		assertThat(ack.path("epoch").asString()).isEqualTo(epoch);
		assertThat(ack.path("offset").asLong()).as("recovered some, live the rest").isBetween(2L, last - 1L);
		back.await((frame) -> {
			received.add(frame);
			return frame.path("payload").path("n").asInt() == last;
		});
		assertThat(received).extracting((frame) -> frame.path("payload").path("n").asInt())
			.containsExactlyElementsOf(range(2, last));
		assertThat(received).extracting((frame) -> position(frame).offset())
			.containsExactlyElementsOf(range(2, last).stream().map(Integer::longValue).toList());
		assertThat(back.poll(Duration.ofMillis(300))).as("nothing twice").isNull();
		JsonNode seen = nextPublish(original);
		HistoryServerTest.assertSevenKeys(seen);
	}

	@Test
	void theHistoryAndItsEpochOutliveANodeRestart() {
		ClusterTestNode a = node("node-a", HISTORY);
		RawClient watcher = capable(a, APP);
		String epoch = subscribe(watcher, "log", null).path("payload").path("epoch").asString();
		RawClient publisher = a.client(APP);
		for (int n = 1; n <= 3; n++) {
			publisher.send("log", "publish", Map.of("n", n));
		}
		for (int n = 1; n <= 3; n++) {
			nextPublish(watcher);
		}
		a.close();

		ClusterTestNode restarted = node("node-a", HISTORY);
		RawClient back = capable(restarted, APP);
		List<JsonNode> received = subscribeAndCollect(back, "log", new StreamPosition(1, epoch));

		JsonNode ack = received.remove(received.size() - 1).path("payload");
		assertThat(ack.path("recovered").asBoolean()).isTrue();
		assertThat(ack.path("epoch").asString()).isEqualTo(epoch);
		assertThat(ack.path("offset").asLong()).isEqualTo(3);
		assertThat(received).extracting((frame) -> frame.path("payload").path("n").asInt()).containsExactly(2, 3);
	}

	@Test
	void aRedisThatLostItsDataStartsANewEpoch() {
		ClusterTestNode a = node("node-a", HISTORY);
		ClusterTestNode b = node("node-b", HISTORY);
		awaitNodes(a, b);
		RawClient watcher = capable(a, APP);
		String epoch = subscribe(watcher, "prices", null).path("payload").path("epoch").asString();
		RawClient publisher = a.client(APP);
		publisher.send("prices", "publish", Map.of("n", 1));
		publisher.send("prices", "publish", Map.of("n", 2));
		nextPublish(watcher);
		nextPublish(watcher);

		redis.command("FLUSHALL");
		RawClient back = capable(b, APP);
		JsonNode ack = subscribe(back, "prices", new StreamPosition(2, epoch)).path("payload");
		publisher.send("prices", "publish", Map.of("n", 3));

		assertThat(ack.path("recovered").asBoolean()).isFalse();
		assertThat(ack.path("offset").asLong()).isZero();
		String newEpoch = ack.path("epoch").asString();
		assertThat(newEpoch).isNotEmpty().isNotEqualTo(epoch);
		JsonNode live = nextPublish(back);
		assertThat(live.path("payload").path("n").asInt()).isEqualTo(3);
		assertThat(position(live)).isEqualTo(new StreamPosition(1, newEpoch));
	}

	@Test
	void theStreamsAreTrimmedBySize() {
		ClusterTestNode a = node("node-a", HISTORY);
		ClusterTestNode b = node("node-b", HISTORY);
		awaitNodes(a, b);
		RawClient watcher = capable(a, "small");
		String epoch = subscribe(watcher, "ticks", null).path("payload").path("epoch").asString();
		RawClient publisher = a.client("small");
		for (int n = 1; n <= 5; n++) {
			publisher.send("ticks", "publish", Map.of("n", n));
		}
		for (int n = 1; n <= 5; n++) {
			nextPublish(watcher);
		}
		RawClient reader = capable(b, "small");

		assertThat(offsets(history(reader, "ticks", null, null))).containsExactly(3L, 4L, 5L);
		assertThat(redis.command("XLEN ipc:history:{5:small:ticks}:stream")).isEqualTo(":3\r\n");
		JsonNode tooOld = subscribe(capable(b, "small"), "ticks", new StreamPosition(1, epoch)).path("payload");
		assertThat(tooOld.path("recovered").asBoolean()).as("message 2 was dropped").isFalse();
		RawClient justInTime = capable(b, "small");
		List<JsonNode> received = subscribeAndCollect(justInTime, "ticks", new StreamPosition(2, epoch));
		assertThat(received.get(received.size() - 1).path("payload").path("recovered").asBoolean()).isTrue();
		assertThat(received.subList(0, received.size() - 1))
			.extracting((frame) -> frame.path("payload").path("n").asInt())
			.containsExactly(3, 4, 5);
	}

	@Test
	void theStreamsAreTrimmedByAgeAndForgottenWhenNothingIsLeft() {
		ClusterTestNode a = node("node-a", HISTORY);
		RawClient watcher = capable(a, "aged");
		String epoch = subscribe(watcher, "news", null).path("payload").path("epoch").asString();
		RawClient publisher = a.client("aged");
		// kept for 1 s: 1 is 1.2 s old when 3 comes, 2 only 0.6 s
		for (int n = 1; n <= 3; n++) {
			if (n > 1) {
				LockSupport.parkNanos(Duration.ofMillis(600).toNanos());
			}
			publisher.send("news", "publish", Map.of("n", n));
			nextPublish(watcher);
		}
		RawClient reader = capable(a, "aged");

		JsonNode page = history(reader, "news", null, null);
		assertThat(offsets(page)).containsExactly(2L, 3L);
		assertThat(page.path("epoch").asString()).isEqualTo(epoch);
		JsonNode tooOld = subscribe(capable(a, "aged"), "news", new StreamPosition(0, epoch)).path("payload");
		assertThat(tooOld.path("recovered").asBoolean()).as("message 1 aged out").isFalse();

		LockSupport.parkNanos(Duration.ofMillis(1200).toNanos());
		JsonNode gone = history(reader, "news", null, null);
		assertThat(gone.path("messages")).isEmpty();
		assertThat(redis.command("EXISTS ipc:history:{4:aged:news}:stream")).isEqualTo(":0\r\n");
	}

	@Test
	void readsTheHistoryPageByPageOnAnotherNode() {
		ClusterTestNode a = node("node-a", HISTORY);
		ClusterTestNode b = node("node-b", HISTORY);
		awaitNodes(a, b);
		RawClient watcher = capable(a, APP);
		subscribe(watcher, "log", null);
		RawClient publisher = a.client(APP);
		List<String> ids = new ArrayList<>();
		for (int n = 1; n <= 7; n++) {
			ids.add(publisher.send("log", "publish", Map.of("n", n, "text", "caf\u00e9")));
		}
		for (int n = 1; n <= 7; n++) {
			nextPublish(watcher);
		}
		RawClient reader = capable(b, APP);

		JsonNode first = history(reader, "log", null, 3);
		JsonNode second = history(reader, "log", position(first.path("messages").get(2)), 3);
		JsonNode rest = history(reader, "log", position(second.path("messages").get(2)), 3);

		assertThat(first.path("offset").asLong()).isEqualTo(7);
		assertThat(offsets(first)).containsExactly(1L, 2L, 3L);
		assertThat(offsets(second)).containsExactly(4L, 5L, 6L);
		assertThat(offsets(rest)).containsExactly(7L);
		JsonNode message = first.path("messages").get(0);
		assertThat(message.path("message_id").asString()).isEqualTo(ids.get(0));
		assertThat(message.path("payload").path("text").asString()).isEqualTo("caf\u00e9");
		assertThat(message.path("epoch").asString()).isEqualTo(first.path("epoch").asString());
	}

	/** A client that asked for the keys beyond the seven. */
	static RawClient capable(ClusterTestNode node, String app) {
		RawClient client = node.track(RawClient.tcp(node.tcpPort()));
		JsonNode ack = client.handshake(app, Map.of("capabilities", List.of("offsets")));
		assertThat(ack.path("payload").path("status").asString()).isEqualTo("connected");
		return client;
	}

	/** Subscribes, naming the last position seen (or none), and returns the acknowledgement. */
	static JsonNode subscribe(RawClient client, String channel, StreamPosition since) {
		return client.awaitResponse(client.send(channel, "subscribe", subscribePayload(client, since)));
	}

	/** Subscribes and collects what arrives up to the acknowledgement, which is last in the list. */
	static List<JsonNode> subscribeAndCollect(RawClient client, String channel, StreamPosition since) {
		String id = client.send(channel, "subscribe", subscribePayload(client, since));
		List<JsonNode> frames = new ArrayList<>();
		client.await((frame) -> {
			frames.add(frame);
			return id.equals(frame.path("reply_to").asString());
		});
		return frames;
	}

	static JsonNode nextPublish(RawClient client) {
		return client.await((frame) -> "publish".equals(frame.path("message_type").asString()));
	}

	static StreamPosition position(JsonNode frame) {
		assertThat(frame.has("offset")).as("offset in %s", frame).isTrue();
		return new StreamPosition(frame.path("offset").asLong(), frame.path("epoch").asString());
	}

	static JsonNode history(RawClient client, String channel, StreamPosition since, Integer limit) {
		return client.history(channel, since, limit).path("payload");
	}

	static List<Long> offsets(JsonNode page) {
		List<Long> offsets = new ArrayList<>();
		page.path("messages").forEach((message) -> offsets.add(message.path("offset").asLong()));
		return offsets;
	}

	private static Map<String, Object> subscribePayload(RawClient client, StreamPosition since) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("connection_id", client.connectionId());
		if (since != null) {
			payload.put("since", Map.of("offset", since.offset(), "epoch", since.epoch()));
		}
		return payload;
	}

	private static List<Integer> range(int from, int to) {
		List<Integer> numbers = new ArrayList<>();
		for (int n = from; n <= to; n++) {
			numbers.add(n);
		}
		return numbers;
	}

}
