package dev.ipcframework.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.StreamPosition;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with channel history and presence on, shared by the history and presence tests: five messages kept
 * per channel; app {@code aged} keeps them for 300 ms only, app {@code deep} keeps 10000, app {@code unkept} keeps
 * none; presence everywhere but in app {@code unkept}.
 */
@TestPropertySource(properties = { "ipc.history.size=5", "ipc.history.apps.aged.ttl=300ms",
		"ipc.history.apps.deep.size=10000",
		"ipc.history.apps.unkept.size=0", "ipc.presence.enabled=true", "ipc.presence.apps.unkept.enabled=false" })
public abstract class HistoryServerTest extends IpcServerTest {

	/** The seven keys, all an original client knows; its parser fails on any other. */
	public static final Set<String> SEVEN_KEYS = Set.of("message_id", "app_id", "channel_id", "message_type",
			"payload", "timestamp", "reply_to");

	/** A client that asked for the keys beyond the seven. */
	protected RawClient capable(Transport transport, String app) {
		RawClient client = open(transport);
		JsonNode ack = client.handshake(app, Map.of("capabilities", List.of("offsets", "something-else")));
		assertThat(ack.path("payload").path("status").asString()).isEqualTo("connected");
		assertSevenKeys(ack);
		return client;
	}

	/** Subscribes, naming the last position seen (or none), and returns the acknowledgement. */
	protected static JsonNode subscribe(RawClient client, String channel, StreamPosition since,
			Map<String, ?> extra) {
		Map<String, Object> payload = new LinkedHashMap<>(extra);
		payload.put("connection_id", client.connectionId());
		if (since != null) {
			payload.put("since", Map.of("offset", since.offset(), "epoch", since.epoch()));
		}
		return client.awaitResponse(client.send(channel, "subscribe", payload));
	}

	protected static JsonNode subscribe(RawClient client, String channel, StreamPosition since) {
		return subscribe(client, channel, since, Map.of());
	}

	/** Subscribes and collects what arrives up to the acknowledgement, which is last in the list. */
	protected static List<JsonNode> subscribeAndCollect(RawClient client, String channel, StreamPosition since) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("connection_id", client.connectionId());
		if (since != null) {
			payload.put("since", Map.of("offset", since.offset(), "epoch", since.epoch()));
		}
		String id = client.send(channel, "subscribe", payload);
		List<JsonNode> frames = new ArrayList<>();
		client.await((frame) -> {
			frames.add(frame);
			return id.equals(frame.path("reply_to").asString());
		});
		return frames;
	}

	protected static StreamPosition position(JsonNode frame) {
		assertThat(frame.has("offset")).as("offset in %s", frame).isTrue();
		return new StreamPosition(frame.path("offset").asLong(), frame.path("epoch").asString());
	}

	protected static JsonNode nextPublish(RawClient client) {
		return client.await((frame) -> "publish".equals(frame.path("message_type").asString()));
	}

	/** A channel name of its own for each test, since the server and its histories outlive a test. */
	protected static String freshChannel(String name) {
		return name + "-" + UUID.randomUUID();
	}

	public static void assertSevenKeys(JsonNode frame) {
		assertThat(frame.propertyNames()).as("keys of %s", frame).containsExactlyInAnyOrderElementsOf(SEVEN_KEYS);
	}

}
