package dev.ipcframework.routing;

import java.util.List;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.history.HistoryEntry;
import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.history.Recovery;
import dev.ipcframework.presence.PresenceMember;
import dev.ipcframework.presence.PresenceRegistry;
import dev.ipcframework.protocol.IpcEnvelope;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Joins connections to channels and takes them out again. A connection that asked for positions is answered every
 * {@code subscribe} with {@code {"status":"subscribed","recovered":…,"offset":…,"epoch":…}}; on a channel with
 * history it first gets what it missed since the position it names, and then, with nothing missing or doubled in
 * between, the live publishes. In applications that keep presence, subscribers join and leave the channel's
 * presence with their subscriptions.
 */
public class SubscriptionHandler {

	private final ChannelRegistry channels;

	private final SubscriptionRegistry subscriptions;

	private final HistoryStore history;

	private final PresenceRegistry presence;

	private final ReplySender replies;

	public SubscriptionHandler(ChannelRegistry channels, SubscriptionRegistry subscriptions, HistoryStore history,
			PresenceRegistry presence, ReplySender replies) {
		this.channels = channels;
		this.subscriptions = subscriptions;
		this.history = history;
		this.presence = presence;
		this.replies = replies;
	}

	/**
	 * Subscribes the sender of a {@code subscribe} to its channel.
	 * @throws dev.ipcframework.protocol.IpcException as {@link ChannelRegistry#hold} and
	 * {@link SubscriptionRegistry#subscribe} do; nothing is recovered then
	 */
	public void subscribe(ConnectionHandle connection, IpcEnvelope subscribe) {
		String appId = subscribe.appId();
		String channelId = subscribe.channelId();
		SubscribeRequest request = SubscribeRequest.from(subscribe.payload());
		if (!connection.receivesPositions()) {
			// original clients: as they always were, nothing sent back
			join(connection, appId, channelId);
		}
		else {
			joinRecovering(connection, subscribe, request);
		}
		if (this.presence.tracks(appId)) {
			this.presence.join(appId, channelId, new PresenceMember(connection, request.info(),
					request.presenceEvents() && connection.receivesPositions()));
		}
	}

	private void joinRecovering(ConnectionHandle connection, IpcEnvelope subscribe, SubscribeRequest request) {
		String appId = subscribe.appId();
		String channelId = subscribe.channelId();
		// the history stays locked from the recovery until the connection is among the subscribers: every publish
		// is then either recovered or delivered live
		this.history.recover(appId, channelId, request.since(), (recovery) -> {
			join(connection, appId, channelId);
			for (HistoryEntry missed : recovery.missed()) {
				connection.sendFrame(missed.frame());
			}
			this.replies.send(connection, subscribe.respond(subscribed(recovery)));
			return null;
		});
	}

	/** Takes the sender of an {@code unsubscribe} out of its channel. */
	public void unsubscribe(ConnectionHandle connection, IpcEnvelope unsubscribe) {
		String appId = unsubscribe.appId();
		IpcChannel channel = this.channels.find(appId, unsubscribe.channelId());
		if (channel != null) {
			this.subscriptions.unsubscribe(connection, channel);
			this.channels.release(appId, channel.channelId());
		}
		this.presence.leave(appId, unsubscribe.channelId(), connection);
	}

	/**
	 * The connection closed: it leaves every channel it was in.
	 * @return those channels
	 */
	public List<IpcChannel> closed(ConnectionHandle connection) {
		List<IpcChannel> left = this.subscriptions.removeAll(connection);
		left.forEach((channel) -> this.presence.leave(channel.appId(), channel.channelId(), connection));
		return left;
	}

	private void join(ConnectionHandle connection, String appId, String channelId) {
		this.channels.hold(appId, channelId, (channel) -> this.subscriptions.subscribe(connection, channel));
	}

	private static ObjectNode subscribed(Recovery recovery) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("status", "subscribed");
		payload.put("recovered", recovery.recovered());
		payload.put("offset", recovery.latest().offset());
		payload.put("epoch", recovery.latest().epoch());
		return payload;
	}

}
