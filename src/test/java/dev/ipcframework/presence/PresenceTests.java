package dev.ipcframework.presence;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.HistoryServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.WireAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who is subscribed to a channel, and events when subscribers join and leave, over real connections.
 */
class PresenceTests extends HistoryServerTest {

	private static final String APP = "presence_app";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void listsTheSubscribersWithWhatTheySaidAboutThemselves(Transport transport) {
		String channel = freshChannel("room");
		RawClient ada = capable(transport, APP);
		RawClient original = connected(transport, APP);
		RawClient asker = connected(transport, APP);
		subscribe(ada, channel, null, Map.of("info", Map.of("name", "Ada")));
		original.send(channel, "subscribe", Map.of("connection_id", original.connectionId()));
		original.sync();

		JsonNode presence = presence(asker, channel);

		assertThat(presence.path("count").asInt()).isEqualTo(2);
		assertThat(presence.path("subscribers")).hasSize(2);
		JsonNode adaEntry = entryOf(presence, ada.connectionId());
		assertThat(adaEntry.path("info").path("name").asString()).isEqualTo("Ada");
		assertThat(adaEntry.has("principal")).isFalse();
		JsonNode originalEntry = entryOf(presence, original.connectionId());
		assertThat(originalEntry.has("info")).isFalse();

		original.send(channel, "unsubscribe", Map.of("connection_id", original.connectionId()));
		original.sync();
		assertThat(presence(asker, channel).path("count").asInt()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tellsWhoJoinsAndLeavesIncludingAConnectionKilledWithoutGoodbye(Transport transport) {
		String channel = freshChannel("lobby");
		RawClient watcher = capable(transport, APP);
		subscribe(watcher, channel, null, Map.of("presence_events", true));
		RawClient joiner = capable(transport, APP);
		RawClient quitter = connected(transport, APP);

		subscribe(joiner, channel, null, Map.of("info", Map.of("role", "guest")));
		JsonNode joined = presenceEvent(watcher);
		joiner.send(channel, "unsubscribe", Map.of());
		JsonNode left = presenceEvent(watcher);
		quitter.send(channel, "subscribe", Map.of("connection_id", quitter.connectionId()));
		JsonNode quitterJoined = presenceEvent(watcher);
		quitter.close();
		JsonNode killed = presenceEvent(watcher);

		assertThat(joined.path("message_type").asString()).isEqualTo("publish");
		assertThat(joined.path("channel_id").asString()).isEqualTo("system");
		assertThat(joined.path("app_id").asString()).isEqualTo(APP);
		assertSevenKeys(joined);
		assertThat(joined.path("payload").path("channel_id").asString()).isEqualTo(channel);
		assertThat(joined.path("payload").path("event").asString()).isEqualTo("join");
		assertThat(joined.path("payload").path("connection_id").asString()).isEqualTo(joiner.connectionId());
		assertThat(joined.path("payload").path("info").path("role").asString()).isEqualTo("guest");
		assertThat(left.path("payload").path("event").asString()).isEqualTo("leave");
		assertThat(left.path("payload").path("connection_id").asString()).isEqualTo(joiner.connectionId());
		assertThat(quitterJoined.path("payload").path("event").asString()).isEqualTo("join");
		assertThat(killed.path("payload").path("event").asString()).isEqualTo("leave");
		assertThat(killed.path("payload").path("connection_id").asString()).isEqualTo(quitter.connectionId());
		assertThat(presence(watcher, channel).path("count").asInt()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void onlyCapableSubscribersThatAskedHearEvents(Transport transport) {
		String channel = freshChannel("quiet");
		RawClient silent = capable(transport, APP);
		RawClient original = connected(transport, APP);
		subscribe(silent, channel, null);
		original.send(channel, "subscribe",
				Map.of("connection_id", original.connectionId(), "presence_events", true));
		original.sync();

		RawClient joiner = connected(transport, APP);
		joiner.send(channel, "subscribe", Map.of("connection_id", joiner.connectionId()));
		joiner.sync();
		joiner.close();

		assertThat(silent.poll(Duration.ofMillis(300))).isNull();
		assertThat(original.poll(Duration.ofMillis(300))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void anAppWithoutPresenceSaysSo(Transport transport) {
		RawClient client = capable(transport, "unkept");

		String id = client.send("system", "request", Map.of("action", "presence", "channel_id", "room"));

		WireAssertions.assertErrorResponse(client.awaitResponse(id), id, "BAD_REQUEST");
	}

	private static JsonNode presence(RawClient client, String channel) {
		JsonNode response = client
			.awaitResponse(client.send("system", "request", Map.of("action", "presence", "channel_id", channel)));
		assertSevenKeys(response);
		return response.path("payload");
	}

	private static JsonNode presenceEvent(RawClient client) {
		return client.await((frame) -> "presence_event".equals(frame.path("payload").path("action").asString()));
	}

	private static JsonNode entryOf(JsonNode presence, String connectionId) {
		List<JsonNode> entries = new java.util.ArrayList<>();
		presence.path("subscribers").forEach(entries::add);
		return entries.stream()
			.filter((entry) -> connectionId.equals(entry.path("connection_id").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(connectionId + " not in " + presence));
	}

}
