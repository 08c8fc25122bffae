package dev.ipcframework.history;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.testsupport.HistoryServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that was away recovers what was published meanwhile, from the channel's history, over real
 * connections on each transport; clients that did not ask for positions see nothing of it.
 */
class HistoryRecoveryTests extends HistoryServerTest {

	private static final String APP = "history_app";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void missedMessagesArriveOnceInOrderThenLiveOnes(Transport transport) {
		String channel = freshChannel("news");
		RawClient publisher = connected(transport, APP);
		RawClient away = capable(transport, APP);
		JsonNode first = subscribe(away, channel, null);
		assertThat(first.path("payload").path("status").asString()).isEqualTo("subscribed");
		assertThat(first.path("payload").path("recovered").asBoolean()).isFalse();
		assertThat(first.path("payload").path("offset").asLong()).isZero();
		publisher.send(channel, "publish", Map.of("n", 1));
		StreamPosition seen = position(nextPublish(away));
		assertThat(seen.offset()).isEqualTo(1);
		assertThat(seen.epoch()).isEqualTo(first.path("payload").path("epoch").asString()).isNotEmpty();
		away.close();

		for (int n = 2; n <= 4; n++) {
			publisher.send(channel, "publish", Map.of("n", n));
		}
		publisher.sync();
		RawClient back = capable(transport, APP);
		List<JsonNode> recovered = subscribeAndCollect(back, channel, seen);
		publisher.send(channel, "publish", Map.of("n", 5));

		JsonNode ack = recovered.remove(recovered.size() - 1);
		assertThat(ack.path("payload").path("recovered").asBoolean()).isTrue();
		assertThat(ack.path("payload").path("offset").asLong()).isEqualTo(4);
		assertThat(ack.path("payload").path("epoch").asString()).isEqualTo(seen.epoch());
		assertThat(recovered).extracting((frame) -> frame.path("payload").path("n").asInt()).containsExactly(2, 3, 4);
		assertThat(recovered).extracting((frame) -> position(frame).offset()).containsExactly(2L, 3L, 4L);
		assertThat(recovered).allSatisfy((frame) -> assertThat(frame.path("message_type").asString())
			.isEqualTo("publish"));
		JsonNode live = nextPublish(back);
		assertThat(live.path("payload").path("n").asInt()).isEqualTo(5);
		assertThat(position(live)).isEqualTo(new StreamPosition(5, seen.epoch()));
		assertThat(back.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void recoveryWhilePublishingLosesAndDoublesNothing(Transport transport) throws Exception {
		String channel = freshChannel("busy");
		RawClient publisher = connected(transport, "deep");
		RawClient early = capable(transport, "deep");
		subscribe(early, channel, null);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger published = new AtomicInteger();
		Thread publishing = new Thread(() -> {
			while (!stop.get()) {
				publisher.send(channel, "publish", Map.of("n", published.incrementAndGet()));
				if (published.get() % 20 == 0) {
					LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
				}
			}
		});
		RawClient late = capable(transport, "deep");
		publishing.start();
		// joins while the publisher is at it, from a position the first subscriber saw
		JsonNode tenth = null;
		for (int n = 1; n <= 10; n++) {
			tenth = nextPublish(early);
		}
		StreamPosition seen = position(tenth);
		List<JsonNode> frames = subscribeAndCollect(late, channel, seen);
		Thread.sleep(50);
		stop.set(true);
		publishing.join();
		publisher.sync();

		JsonNode ack = frames.remove(frames.size() - 1);
		assertThat(ack.path("payload").path("recovered").asBoolean()).isTrue();
		long expected = seen.offset() + 1;
		for (JsonNode frame : frames) {
			assertThat(position(frame).offset()).isEqualTo(expected++);
		}
		assertThat(ack.path("payload").path("offset").asLong()).isEqualTo(expected - 1);
		assertThat(published.get()).as("published after the subscriber joined").isGreaterThan((int) expected);
		while (expected <= published.get()) {
			JsonNode live = nextPublish(late);
			assertThat(position(live).offset()).isEqualTo(expected);
			assertThat(live.path("payload").path("n").asLong()).isEqualTo(expected++);
		}
		assertThat(late.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anotherEpochOrAPositionOlderThanWhatIsKeptIsNotRecovered(Transport transport) {
		String channel = freshChannel("lossy");
		RawClient publisher = connected(transport, APP);
		for (int n = 1; n <= 8; n++) {
			publisher.send(channel, "publish", Map.of("n", n));
		}
		publisher.sync();
		RawClient client = capable(transport, APP);
		JsonNode current = subscribe(client, channel, null).path("payload");
		String epoch = current.path("epoch").asString();
		assertThat(current.path("offset").asLong()).isEqualTo(8);

		List<JsonNode> otherEpoch = subscribeAndCollect(client, channel, new StreamPosition(7, "not-" + epoch));
		List<JsonNode> tooOld = subscribeAndCollect(client, channel, new StreamPosition(2, epoch));
		List<JsonNode> oldestKept = subscribeAndCollect(client, channel, new StreamPosition(3, epoch));

		assertThat(otherEpoch).singleElement()
			.satisfies((ack) -> assertThat(ack.path("payload").path("recovered").asBoolean()).isFalse());
		assertThat(tooOld).singleElement()
			.satisfies((ack) -> assertThat(ack.path("payload").path("recovered").asBoolean()).isFalse());
		// five kept: 4 to 8, all that came after 3
		assertThat(oldestKept).extracting((frame) -> frame.path("offset").asLong()).containsExactly(4L, 5L, 6L, 7L, 8L,
				0L);
		assertThat(oldestKept.get(5).path("payload").path("recovered").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void messagesOlderThanTheAgeLimitAreNotRecovered(Transport transport) throws Exception {
		String channel = freshChannel("aged");
		RawClient publisher = connected(transport, "aged");
		RawClient client = capable(transport, "aged");
		String epoch = subscribe(client, channel, null).path("payload").path("epoch").asString();
		client.send(channel, "unsubscribe", Map.of());
		client.sync();
		publisher.send(channel, "publish", Map.of("n", 1));
		publisher.sync();

		Thread.sleep(500);
		publisher.send(channel, "publish", Map.of("n", 2));
		publisher.sync();

		List<JsonNode> expired = subscribeAndCollect(client, channel, new StreamPosition(0, epoch));
		assertThat(expired).singleElement()
			.satisfies((ack) -> assertThat(ack.path("payload").path("recovered").asBoolean()).isFalse());
		List<JsonNode> young = subscribeAndCollect(client, channel, new StreamPosition(1, epoch));
		assertThat(young).hasSize(2);
		assertThat(young.get(0).path("payload").path("n").asInt()).isEqualTo(2);
		assertThat(young.get(1).path("payload").path("recovered").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anAppWithoutHistoryAnswersCapableClientsButRecoversNothing(Transport transport) {
		String channel = freshChannel("plain");
		RawClient publisher = connected(transport, "unkept");
		RawClient client = capable(transport, "unkept");
		JsonNode ack = subscribe(client, channel, new StreamPosition(0, "whatever"));
		publisher.send(channel, "publish", Map.of("n", 1));

		assertThat(ack.path("payload").path("recovered").asBoolean()).isFalse();
		assertThat(ack.path("payload").path("offset").asLong()).isZero();
		assertSevenKeys(nextPublish(client));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void originalClientsNeverSeeAKeyBeyondTheSeven(Transport transport) {
		String channel = freshChannel("mixed");
		RawClient original = connected(transport, APP);
		RawClient modern = capable(transport, APP);
		RawClient publisher = connected(transport, APP);
		publisher.send(channel, "publish", Map.of("n", 1));
		publisher.sync();
		String epoch = subscribe(modern, channel, null).path("payload").path("epoch").asString();

		// what a capable client sends, from a client that did not ask: no acknowledgement, nothing recovered
		original.send(channel, "subscribe", Map.of("connection_id", original.connectionId(), "since",
				Map.of("offset", 0, "epoch", epoch), "info", Map.of("name", "ada"), "presence_events", true));
		original.sync();
		publisher.send(channel, "publish", Map.of("n", 2));
		modern.send(channel, "subscribe", Map.of("presence_events", true));
		modern.close();
		original.send("system", "request", Map.of("action", "history", "channel_id", channel));
		original.send("system", "request", Map.of("action", "presence", "channel_id", channel));
		publisher.sync();

		JsonNode frame;
		int publishes = 0;
		int responses = 0;
		while ((frame = original.poll(Duration.ofMillis(500))) != null) {
			assertSevenKeys(frame);
			if ("publish".equals(frame.path("message_type").asString())) {
				assertThat(frame.path("payload").path("n").asInt()).isEqualTo(2);
				publishes++;
			}
			else if ("response".equals(frame.path("message_type").asString())) {
				responses++;
			}
		}
		assertThat(publishes).isEqualTo(1);
		assertThat(responses).isEqualTo(2);
	}

}
