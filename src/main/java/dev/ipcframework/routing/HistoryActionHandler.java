package dev.ipcframework.routing;

import java.nio.charset.StandardCharsets;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.history.HistoryEntry;
import dev.ipcframework.history.HistoryPage;
import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.security.ChannelAuthorizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * Answers {@code {"action":"history","channel_id":…,"since":{"offset":N,"epoch":E}?,"limit":L?}} with
 * {@code {"messages":[…],"offset":<latest>,"epoch":…}}: the kept publishes after {@code since} (from the oldest kept
 * without it, or when its epoch is not the channel's), oldest first, at most {@code limit} of them, each the whole
 * envelope with its {@code offset} and {@code epoch}. A client pages on by naming the last one it got.
 */
public class HistoryActionHandler implements SystemAction {

	private final HistoryStore history;

	private final ChannelRegistry channels;

	private final ChannelAuthorizer authorizer;

	public HistoryActionHandler(HistoryStore history, ChannelRegistry channels, ChannelAuthorizer authorizer) {
		this.history = history;
		this.channels = channels;
		this.authorizer = authorizer;
	}

	@Override
	public String action() {
		return "history";
	}

	@Override
	public JsonNode answer(ConnectionHandle connection, IpcEnvelope request) {
		String channelId = ChannelActionRequest.channelId(connection, request, action(), this.channels,
				this.authorizer);
		String appId = connection.appId();
		if (!this.history.keepsHistory(appId)) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "app '" + appId + "' keeps no history");
		}
		JsonNode limit = request.payload().get("limit");
		HistoryPage page = this.history.read(appId, channelId, StreamPosition.from(request.payload().get("since")),
				(limit != null && limit.isIntegralNumber() && limit.canConvertToInt()) ? limit.asInt() : 0);
		ObjectNode answer = JsonNodeFactory.instance.objectNode();
		ArrayNode messages = answer.putArray("messages");
		for (HistoryEntry entry : page.entries()) {
			// written as they were kept, encoded and ASCII only: not parsed and encoded again
			messages.addRawValue(new RawValue(new String(entry.frame(), StandardCharsets.US_ASCII)));
		}
		answer.put(StreamPosition.OFFSET_FIELD, page.latest().offset());
		answer.put(StreamPosition.EPOCH_FIELD, page.latest().epoch());
		return answer;
	}

}
