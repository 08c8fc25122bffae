package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishes cross nodes: every subscriber on every node gets each publish once, in each publisher's order, and a
 * node gets a channel's traffic only while it has subscribers to it.
 */
class ClusterPublishTests extends ClusterTest {

	@Test
	void publishesReachSubscribersOnEveryNodeOnceAndInOrder() {
		ClusterTestNode a = node("node-a");
		ClusterTestNode b = node("node-b");
		awaitNodes(a, b);
		RawClient onA = a.client(APP);
		RawClient onB = b.client(APP);
		RawClient onBOverWebSocket = b.websocketClient(APP);
		for (RawClient subscriber : List.of(onA, onB, onBOverWebSocket)) {
			subscribe(subscriber, "room");
		}
		awaitListeningNodes(APP, "room", 2);
		RawClient publisherOnA = a.client(APP);
		RawClient publisherOnB = b.client(APP);

		int count = 200;
		for (int i = 0; i < count; i++) {
			publisherOnA.send("room", "publish", Map.of("from", "a", "seq", i));
			publisherOnB.send("room", "publish", Map.of("from", "b", "seq", i));
		}

		for (RawClient subscriber : List.of(onA, onB, onBOverWebSocket)) {
			Map<String, Integer> next = new HashMap<>(Map.of("a", 0, "b", 0));
			for (int i = 0; i < 2 * count; i++) {
				JsonNode message = subscriber.next();
				assertThat(message.path("message_type").asString()).isEqualTo("publish");
				String from = message.path("payload").path("from").asString();
				assertThat(message.path("payload").path("seq").asInt()).as("publisher %s's order", from)
					.isEqualTo(next.get(from));
				next.merge(from, 1, Integer::sum);
			}
			assertThat(subscriber.poll(Duration.ofMillis(300))).as("nothing twice").isNull();
		}
	}

	@Test
	void aNodeListensToAChannelOnlyWhileItHasSubscribers() {
		ClusterTestNode a = node("node-a");
		ClusterTestNode b = node("node-b");
		ClusterTestNode c = node("node-c");
		awaitNodes(a, b, c);
		RawClient publisher = a.client(APP);
		RawClient first = b.client(APP);
		RawClient second = b.client(APP);
		c.client(APP);

		subscribe(first, "quiet");
		subscribe(second, "quiet");
		awaitListeningNodes(APP, "quiet", 1);
		publisher.send("quiet", "publish", Map.of("n", 1));
		assertThat(first.next().path("payload").path("n").asInt()).isEqualTo(1);

		first.send("quiet", "unsubscribe", Map.of("connection_id", first.connectionId()));
		first.sync();
		assertThat(listening("ipc:pub:" + APP.length() + ":" + APP + ":quiet")).isEqualTo(1);
		second.close();
		awaitListeningNodes(APP, "quiet", 0);
		assertThat(c.bean(ClusterMembership.class).nodes()).hasSize(3);
	}

	@Test
	void theTemplatePublishesToEveryNode() {
		ClusterTestNode a = node("node-a");
		ClusterTestNode b = node("node-b");
		awaitNodes(a, b);
		List<RawClient> subscribers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			RawClient subscriber = ((i % 2 == 0) ? a : b).client(APP);
			subscribe(subscriber, "news");
			subscribers.add(subscriber);
		}
		awaitListeningNodes(APP, "news", 2);

		int local = a.bean(dev.ipcframework.routing.IpcTemplate.class).publish(APP, "news", Map.of("headline", "x"));

		assertThat(local).as("queued on node A").isEqualTo(2);
		for (RawClient subscriber : subscribers) {
			assertThat(subscriber.next().path("payload").path("headline").asString()).isEqualTo("x");
			assertThat(subscriber.poll(Duration.ofMillis(200))).isNull();
		}
	}

}
