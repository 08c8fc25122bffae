package dev.ipcframework;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordering guarantees docs/reliability.md promises: a connection's publishes arrive in the order sent, and all
 * subscribers of a channel see its publishes in one and the same order.
 */
class OrderingTests extends IpcServerTest {

	private static final int PUBLISHES = 500;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribersReceiveOnePublishersMessagesInOrder(Transport transport) {
		List<RawClient> subscribers = subscribers(transport, "ordered", 3);
		RawClient publisher = connected(transport, "ordering");

		for (int i = 0; i < PUBLISHES; i++) {
			publisher.send("ordered", "publish", Map.of("seq", i));
		}

		for (RawClient subscriber : subscribers) {
			for (int i = 0; i < PUBLISHES; i++) {
				assertThat(subscriber.next().path("payload").path("seq").asInt()).isEqualTo(i);
			}
		}
	}

	@Test
	void everySubscriberSeesConcurrentPublishersInTheSameOrder() {
		List<RawClient> subscribers = new ArrayList<>(subscribers(Transport.TCP, "shared", 2));
		subscribers.addAll(subscribers(Transport.WEBSOCKET, "shared", 2));
		List<RawClient> publishers = List.of(connected(Transport.TCP, "ordering"),
				connected(Transport.WEBSOCKET, "ordering"), connected(Transport.TCP, "ordering"));

		CompletableFuture.allOf(publishers.stream().map((publisher) -> CompletableFuture.runAsync(() -> {
			for (int i = 0; i < PUBLISHES; i++) {
				publisher.send("shared", "publish", Map.of("from", publisher.connectionId(), "seq", i));
			}
		})).toArray(CompletableFuture[]::new)).join();

		List<String> first = received(subscribers.get(0), publishers.size() * PUBLISHES);
		for (RawClient other : subscribers.subList(1, subscribers.size())) {
			assertThat(received(other, publishers.size() * PUBLISHES)).containsExactlyElementsOf(first);
		}
	}

	private List<RawClient> subscribers(Transport transport, String channel, int count) {
		List<RawClient> subscribers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			RawClient subscriber = connected(transport, "ordering");
			subscriber.send(channel, "subscribe", Map.of("connection_id", subscriber.connectionId()));
			subscriber.sync();
			subscribers.add(subscriber);
		}
		return subscribers;
	}

	private static List<String> received(RawClient subscriber, int count) {
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			JsonNode message = subscriber.next();
			ids.add(message.path("message_id").asString());
		}
		return ids;
	}

}
