package dev.ipcframework.routing;

import java.util.List;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.history.HistoryEntry;
import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.history.Recovery;
import dev.ipcframework.protocol.IpcEnvelope;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Joins connections to channels and takes them out again. A connection that asked for positions is answered every
 * {@code subscribe} with {@code {"status":"subscribed","recovered":…,"offset":…,"epoch":…}}; on a channel with
 * history it first gets what it missed since the position it names, and then, with nothing missing or doubled in
 * between, the live publishes.
 */
public class SubscriptionHandler {

	private final ChannelRegistry channels;

	private final SubscriptionRegistry subscriptions;

	private final HistoryStore history;

	private final ReplySender replies;

	public SubscriptionHandler(ChannelRegistry channels, SubscriptionRegistry subscriptions, HistoryStore history,
			ReplySender replies) {
		this.channels = channels;
		this.subscriptions = subscriptions;
		this.history = history;
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
		if (!connection.receivesPositions()) {
			// original clients: as they always were, nothing sent back
			join(connection, appId, channelId);
			return;
		}
		SubscribeRequest request = SubscribeRequest.from(subscribe.payload());
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
	}

	/**
	 * The connection closed: it leaves every channel it was in.
	 * @return those channels
	 */
	public List<IpcChannel> closed(ConnectionHandle connection) {
		return this.subscriptions.removeAll(connection);
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
