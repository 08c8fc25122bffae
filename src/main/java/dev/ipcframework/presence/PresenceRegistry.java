package dev.ipcframework.presence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
 * once for all of them. In a cluster, the other servers are told too, through the {@link PresenceSharing}, and
 * their subscribers count in the channel's presence.
 */
public class PresenceRegistry {

	private final Map<String, Map<String, Map<ConnectionHandle, PresenceMember>>> apps = new ConcurrentHashMap<>();

	private final PresencePolicy policy;

	private final EnvelopeCodec codec;

	private final StatisticsCollector stats;

	private final PresenceSharing sharing;

	public PresenceRegistry(PresencePolicy policy, EnvelopeCodec codec, StatisticsCollector stats) {
		this(policy, codec, stats, PresenceSharing.NONE);
	}

	public PresenceRegistry(PresencePolicy policy, EnvelopeCodec codec, StatisticsCollector stats,
			PresenceSharing sharing) {
		this.policy = policy;
		this.codec = codec;
		this.stats = stats;
		this.sharing = sharing;
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
			Event event = tell(appId, channelId, "join", member, members);
			if (this.sharing.shares()) {
				this.sharing.joined(appId, channelId, member.connection().id(), member.toJson(), event.frame());
			}
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
		if (left[0] != null) {
			Event event = tell(appId, channelId, "leave", left[0], (remaining != null) ? remaining : Map.of());
			if (this.sharing.shares()) {
				this.sharing.left(appId, channelId, connection.id(), event.frame());
			}
		}
	}

	/** The channel's subscribers on other servers, as a {@code presence} answer lists them. */
	public List<JsonNode> elsewhere(String appId, String channelId) {
		return this.sharing.elsewhere(appId, channelId);
	}

	/** Another server told of a subscriber of its own joining or leaving: this one's listeners hear of it too. */
	public void toldElsewhere(String appId, String channelId, byte[] eventFrame) {
		Map<String, Map<ConnectionHandle, PresenceMember>> channels = this.apps.get(appId);
		Map<ConnectionHandle, PresenceMember> members = (channels != null) ? channels.get(channelId) : null;
		if (members != null) {
			Event event = new Event(eventFrame);
			send(appId, event, members, null);
		}
	}

	/** A subscriber of a server that died without a word: this one's listeners hear that it left. */
	public void leftElsewhere(String appId, String channelId, JsonNode subscriber) {
		ObjectNode payload = eventPayload(channelId, "leave", subscriber.path("connection_id").asString(),
				subscriber.get("info"));
		toldElsewhere(appId, channelId,
				this.codec.encode(IpcEnvelope.create(appId, IpcEnvelope.SYSTEM_CHANNEL, MessageType.PUBLISH, payload)));
	}

	/** The channel's subscribers now. */
	public List<PresenceMember> members(String appId, String channelId) {
		Map<String, Map<ConnectionHandle, PresenceMember>> channels = this.apps.get(appId);
		Map<ConnectionHandle, PresenceMember> members = (channels != null) ? channels.get(channelId) : null;
		return (members != null) ? List.copyOf(members.values()) : List.of();
	}

	/**
	 * Tells the channel's listeners here, but not the subject; the event is encoded once, when someone here or on
	 * another server is to hear of it.
	 */
	private Event tell(String appId, String channelId, String event, PresenceMember subject,
			Map<ConnectionHandle, PresenceMember> members) {
		Event told = new Event(() -> this.codec.encode(IpcEnvelope.create(appId, IpcEnvelope.SYSTEM_CHANNEL,
				MessageType.PUBLISH, eventPayload(channelId, event, subject.connection().id(), subject.info()))));
		send(appId, told, members, subject.connection());
		return told;
	}

	private void send(String appId, Event event, Map<ConnectionHandle, PresenceMember> members,
			@Nullable ConnectionHandle subject) {
		int told = 0;
		for (PresenceMember member : members.values()) {
			if (member.wantsEvents() && member.connection() != subject
					&& member.connection().sendFrame(event.frame())) {
				told++;
			}
		}
		if (told > 0) {
			this.stats.sent(appId, IpcEnvelope.create(appId, IpcEnvelope.SYSTEM_CHANNEL, MessageType.PUBLISH,
					JsonNodeFactory.instance.nullNode()), told);
		}
	}

	private static ObjectNode eventPayload(String channelId, String event, @Nullable String connectionId,
			@Nullable JsonNode info) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("action", "presence_event");
		payload.put("channel_id", channelId);
		payload.put("event", event);
		payload.put("connection_id", connectionId);
		putInfo(payload, info);
		return payload;
	}

	/** A {@code presence_event}, encoded on first use. */
	private static final class Event {

		private @Nullable Supplier<byte[]> encode;

		private byte @Nullable [] frame;

		Event(Supplier<byte[]> encode) {
			this.encode = encode;
		}

		Event(byte[] frame) {
			this.frame = frame;
		}

		byte[] frame() {
			if (this.frame == null) {
				this.frame = this.encode.get();
				this.encode = null;
			}
			return this.frame;
		}

	}

	/** Adds {@code "info"} when the subscriber gave any. */
	public static void putInfo(ObjectNode node, @Nullable JsonNode info) {
		if (info != null) {
			node.set("info", info);
		}
	}

}
