package dev.ipcframework.routing;

import java.util.List;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.presence.PresenceMember;
import dev.ipcframework.presence.PresenceRegistry;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.security.ChannelAuthorizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code {"action":"presence","channel_id":…}} with
 * {@code {"count":N,"subscribers":[{"connection_id":…,"principal":…,"info":…}]}}: who is subscribed to the channel
 * now, on every node of a cluster, with the principal of those that authenticated and the {@code info} of those
 * that gave one.
 */
public class PresenceActionHandler implements SystemAction {

	private final PresenceRegistry presence;

	private final ChannelRegistry channels;

	private final ChannelAuthorizer authorizer;

	public PresenceActionHandler(PresenceRegistry presence, ChannelRegistry channels, ChannelAuthorizer authorizer) {
		this.presence = presence;
		this.channels = channels;
		this.authorizer = authorizer;
	}

	@Override
	public String action() {
		return "presence";
	}

	@Override
	public JsonNode answer(ConnectionHandle connection, IpcEnvelope request) {
		String channelId = ChannelActionRequest.channelId(connection, request, action(), this.channels,
				this.authorizer);
		String appId = connection.appId();
		if (!this.presence.tracks(appId)) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "app '" + appId + "' keeps no presence");
		}
		List<PresenceMember> members = this.presence.members(appId, channelId);
		List<JsonNode> elsewhere = this.presence.elsewhere(appId, channelId);
		ObjectNode answer = JsonNodeFactory.instance.objectNode();
		answer.put("count", members.size() + elsewhere.size());
		ArrayNode subscribers = answer.putArray("subscribers");
		for (PresenceMember member : members) {
			subscribers.add(member.toJson());
		}
		subscribers.addAll(elsewhere);
		return answer;
	}

}
