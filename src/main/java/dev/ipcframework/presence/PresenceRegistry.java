package dev.ipcframework.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.stats.StatisticsCollector;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who is subscribed to each channel of the applications that keep track of it, and what they said about
 * themselves. A subscriber joining or leaving (by unsubscribing, or by its connection closing, goodbye or not) is
 * told to the channel's other subscribers that asked for it, as a {@code publish} on {@code system}:
 * {@code {"action":"presence_event","channel_id":…,"event":"join"|"leave","connection_id":…,"info":…}}, encoded
 * once for all of them.
 */
public class PresenceRegistry {

	private final Map<String, Map<String, Map<ConnectionHandle, PresenceMember>>> apps = new ConcurrentHashMap<>();

	private final PresencePolicy policy;

	private final EnvelopeCodec codec;

	private final StatisticsCollector stats;

	public PresenceRegistry(PresencePolicy policy, EnvelopeCodec codec, StatisticsCollector stats) {
		this.policy = policy;
		this.codec = codec;
		this.stats = stats;
	}

	public boolean tracks(String appId) {
		return this.policy.tracks(appId);
	}

	/** A subscriber joined the channel; subscribing again only updates what it said about itself. */
	public void join(String appId, String channelId, PresenceMember member) {
		Map<String, Map<ConnectionHandle, PresenceMember>> channels = this.apps.computeIfAbsent(appId,
				(id) -> new ConcurrentHashMap<>());
		boolean[] joined = new boolean[1];
		// under the map's lock for the name, as a leave that drops an empty channel is
		Map<ConnectionHandle, PresenceMember> members = channels.compute(channelId, (id, present) -> {
			Map<ConnectionHandle, PresenceMember> current = (present != null) ? present : new ConcurrentHashMap<>();
			joined[0] = current.put(member.connection(), member) == null;
			return current;
		});
		if (joined[0]) {
			tell(appId, channelId, "join", member, members);
		}
	}

	/** A subscriber left the channel, or its connection closed. */
	public void leave(String appId, String channelId, ConnectionHandle connection) {
		Map<String, Map<ConnectionHandle, PresenceMember>> channels = this.apps.get(appId);
		if (channels == null) {
			return;
		}
		PresenceMember[] left = new PresenceMember[1];
		Map<ConnectionHandle, PresenceMember> remaining = channels.computeIfPresent(channelId, (id, members) -> {
			left[0] = members.remove(connection);
			return members.isEmpty() ? null : members;
		});
		if (left[0] != null && remaining != null) {
			tell(appId, channelId, "leave", left[0], remaining);
		}
	}

	/** The channel's subscribers now. */
	public List<PresenceMember> members(String appId, String channelId) {
		Map<String, Map<ConnectionHandle, PresenceMember>> channels = this.apps.get(appId);
		Map<ConnectionHandle, PresenceMember> members = (channels != null) ? channels.get(channelId) : null;
		return (members != null) ? List.copyOf(members.values()) : List.of();
	}

	private void tell(String appId, String channelId, String event, PresenceMember subject,
			Map<ConnectionHandle, PresenceMember> members) {
		byte[] frame = null;
		IpcEnvelope envelope = null;
		int told = 0;
		for (PresenceMember member : members.values()) {
			if (!member.wantsEvents() || member.connection() == subject.connection()) {
				continue;
			}
			if (frame == null) {
				envelope = IpcEnvelope.create(appId, IpcEnvelope.SYSTEM_CHANNEL, MessageType.PUBLISH,
						event(channelId, event, subject));
				frame = this.codec.encode(envelope);
			}
			if (member.connection().sendFrame(frame)) {
				told++;
			}
		}
		if (envelope != null) {
			this.stats.sent(appId, envelope, told);
		}
	}

	private static ObjectNode event(String channelId, String event, PresenceMember subject) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("action", "presence_event");
		payload.put("channel_id", channelId);
		payload.put("event", event);
		payload.put("connection_id", subject.connection().id());
		putInfo(payload, subject.info());
		return payload;
	}

	/** Adds {@code "info"} when the subscriber gave any. */
	public static void putInfo(ObjectNode node, @Nullable JsonNode info) {
		if (info != null) {
			node.set("info", info);
		}
	}

}
