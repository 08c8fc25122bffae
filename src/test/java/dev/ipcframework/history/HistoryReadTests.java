package dev.ipcframework.history;

import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.testsupport.HistoryServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.WireAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client reads a channel's kept messages with the {@code history} action on {@code system}, page by page.
 */
class HistoryReadTests extends HistoryServerTest {

	private static final String APP = "history_app";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void readsTheKeptMessagesPageByPage(Transport transport) {
		String channel = freshChannel("log");
		RawClient publisher = connected(transport, APP);
		String[] ids = new String[8];
		for (int n = 1; n <= 8; n++) {
			ids[n - 1] = publisher.send(channel, "publish", Map.of("n", n, "text", "caf\u00e9"));
		}
		publisher.sync();
		RawClient reader = capable(transport, APP);

		JsonNode first = history(reader, channel, null, 2);
		String epoch = first.path("epoch").asString();
		JsonNode second = history(reader, channel, position(first.path("messages").get(1)), 2);
		JsonNode rest = history(reader, channel, position(second.path("messages").get(1)), null);
		JsonNode none = history(reader, channel, new StreamPosition(8, epoch), null);
		JsonNode otherEpoch = history(reader, channel, new StreamPosition(7, "not-" + epoch), 1);

		// five kept: 4 to 8
		assertThat(first.path("offset").asLong()).isEqualTo(8);
		assertThat(first.path("messages")).extracting((message) -> message.path("offset").asLong())
			.containsExactly(4L, 5L);
		assertThat(second.path("messages")).extracting((message) -> message.path("offset").asLong())
			.containsExactly(6L, 7L);
		assertThat(rest.path("messages")).extracting((message) -> message.path("offset").asLong())
			.containsExactly(8L);
		assertThat(none.path("messages")).isEmpty();
		assertThat(otherEpoch.path("messages")).extracting((message) -> message.path("offset").asLong())
			.containsExactly(4L);
		JsonNode message = first.path("messages").get(0);
		assertThat(message.path("message_id").asString()).isEqualTo(ids[3]);
		assertThat(message.path("message_type").asString()).isEqualTo("publish");
		assertThat(message.path("channel_id").asString()).isEqualTo(channel);
		assertThat(message.path("payload").path("text").asString()).isEqualTo("caf\u00e9");
		assertThat(message.path("epoch").asString()).isEqualTo(epoch);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void refusesWhatItCannotAnswer(Transport transport) {
		RawClient reader = capable(transport, APP);
		RawClient unkept = capable(transport, "unkept");

		String noChannel = reader.send("system", "request", Map.of("action", "history"));
		String system = reader.send("system", "request", Map.of("action", "history", "channel_id", "system"));
		String noHistory = unkept.send("system", "request", Map.of("action", "history", "channel_id", "any"));

		WireAssertions.assertErrorResponse(reader.awaitResponse(noChannel), noChannel, "BAD_REQUEST");
		WireAssertions.assertErrorResponse(reader.awaitResponse(system), system, "FORBIDDEN");
		WireAssertions.assertErrorResponse(unkept.awaitResponse(noHistory), noHistory, "BAD_REQUEST");
	}

	private static JsonNode history(RawClient client, String channel, StreamPosition since, Integer limit) {
		JsonNode response = client.history(channel, since, limit);
		assertSevenKeys(response);
		return response.path("payload");
	}

}
