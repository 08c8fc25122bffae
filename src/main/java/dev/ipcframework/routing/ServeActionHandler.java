package dev.ipcframework.routing;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.security.ChannelAuthorizer;
import dev.ipcframework.security.IpcAction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the {@code system} actions {@code serve} and {@code unserve}, by which a client starts and stops
 * answering the requests of a channel of its application.
 */
public class ServeActionHandler {

	static final String SERVE = "serve";

	static final String UNSERVE = "unserve";

	private final RequestRelay relay;

	private final ChannelRegistry channels;

	private final ReplySender replies;

	private final ChannelAuthorizer authorizer;

	public ServeActionHandler(RequestRelay relay, ChannelRegistry channels, ReplySender replies,
			ChannelAuthorizer authorizer) {
		this.relay = relay;
		this.channels = channels;
		this.replies = replies;
		this.authorizer = authorizer;
	}

	static boolean handles(@Nullable String action) {
		return SERVE.equals(action) || UNSERVE.equals(action);
	}

	/**
	 * Handles {@code {"action":"serve","channel_id":"…","group":"…"}} or {@code {"action":"unserve",…}}.
	 * @throws IpcException {@code BAD_REQUEST} without a usable channel id, {@code FORBIDDEN} for {@code system},
	 * {@code UNKNOWN_CHANNEL} for a channel that does not exist and may not be created, {@code CHANNEL_NAME_TOO_LONG}
	 * and {@code TOO_MANY_CHANNELS}, {@code FORBIDDEN} to serve a channel the connection's principal may not serve
	 */
	void request(ConnectionHandle connection, IpcEnvelope request, String action) {
		String channelId = text(request.payload(), "channel_id");
		if (channelId == null || channelId.isEmpty()) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "'" + action + "' needs a string field 'channel_id'");
		}
		if (IpcEnvelope.SYSTEM_CHANNEL.equals(channelId)) {
			throw new IpcException(IpcErrorCode.FORBIDDEN, "channel 'system' is answered by the server only");
		}
		ObjectNode answer = JsonNodeFactory.instance.objectNode();
		answer.put("channel_id", channelId);
		String appId = connection.appId();
		if (SERVE.equals(action)) {
			this.authorizer.check(connection.principal(), IpcAction.SERVE, channelId);
			String group = text(request.payload(), "group");
			int[] responders = new int[1];
			this.channels.hold(appId, channelId,
					(channel) -> responders[0] = this.relay.serve(connection, channelId, group));
			answer.put("status", "serving");
			answer.put("group", group);
			answer.put("responders", responders[0]);
		}
		else {
			this.channels.checkName(channelId);
			boolean served = this.relay.unserve(connection, channelId);
			this.channels.release(appId, channelId);
			answer.put("status", served ? "unserved" : "not_serving");
			answer.put("responders", this.relay.responderCount(appId, channelId));
		}
		this.replies.send(connection, request.respond(answer));
	}

	private static @Nullable String text(JsonNode payload, String field) {
		JsonNode node = payload.get(field);
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

}
