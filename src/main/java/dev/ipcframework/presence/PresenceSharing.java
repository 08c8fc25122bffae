package dev.ipcframework.presence;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Presence shared with other servers: where this server announces its subscribers and their joining and leaving,
 * and finds the subscribers of the others. Alone, a server shares nothing ({@link #NONE}).
 */
public interface PresenceSharing {

	/** Shares nothing: the presence of a single server. */
	PresenceSharing NONE = new PresenceSharing() {

		@Override
		public boolean shares() {
			return false;
		}

		@Override
		public void joined(String appId, String channelId, String connectionId, ObjectNode subscriber, byte[] event) {
		}

		@Override
		public void left(String appId, String channelId, String connectionId, byte[] event) {
		}

		@Override
		public List<JsonNode> elsewhere(String appId, String channelId) {
			return List.of();
		}

	};

	/** Whether there are other servers to tell: the events are encoded for them even without listeners here. */
	boolean shares();

	/**
	 * A subscriber of this server joined the channel.
	 * @param subscriber as a {@code presence} answer lists it
	 * @param event the encoded {@code presence_event}, for the listeners on other servers
	 */
	void joined(String appId, String channelId, String connectionId, ObjectNode subscriber, byte[] event);

	/** A subscriber of this server left the channel; {@code event} as for {@link #joined}. */
	void left(String appId, String channelId, String connectionId, byte[] event);

	/** The channel's subscribers on the other servers, as a {@code presence} answer lists them. */
	List<JsonNode> elsewhere(String appId, String channelId);

}
