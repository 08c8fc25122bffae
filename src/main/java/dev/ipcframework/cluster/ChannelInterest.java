package dev.ipcframework.cluster;

import java.util.HashMap;
import java.util.Map;

import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.IpcChannel;
import dev.ipcframework.routing.SubscriptionListener;
import io.lettuce.core.RedisFuture;

/**
 * Subscribes the node to a channel's publishes in Redis while the channel has a subscriber on this node, and only
 * then: a node gets the traffic of the channels its clients want, not every publish of the cluster. A recovery
 * from the channel's history in Redis also keeps the node listening, from before it reads until its subscriber has
 * joined.
 */
public class ChannelInterest implements SubscriptionListener {

	private final ChannelRegistry channels;

	private final RedisLink link;

	/** Recoveries under way, by topic. */
	private final Map<String, Integer> recovering = new HashMap<>();

	public ChannelInterest(ChannelRegistry channels, RedisLink link) {
		this.channels = channels;
		this.link = link;
	}

	/**
	 * Calls race (a channel dropped by its last subscriber's leaving while a new subscriber creates it again), so
	 * the current counts decide, one call at a time: the channel handed over (which may not be in the registry
	 * yet) and the one the registry holds now.
	 */
	@Override
	public synchronized void subscribersChanged(IpcChannel channel) {
		String topic = topic(channel.appId(), channel.channelId());
		IpcChannel current = this.channels.find(channel.appId(), channel.channelId());
		if (channel.subscriberCount() > 0 || (current != null && current.subscriberCount() > 0)
				|| this.recovering.containsKey(topic)) {
			this.link.subscribe(topic);
		}
		else {
			this.link.unsubscribe(topic);
		}
	}

	/**
	 * Listens to the channel's publishes until {@link #recoveryDone}, whatever its subscribers do meanwhile.
	 * @return completes once Redis has confirmed it; not awaited here, since confirmations arrive on the thread
	 * that may be waiting for this object's lock
	 * @throws ClusterUnavailableException when Redis is away
	 */
	synchronized RedisFuture<Void> listenForRecovery(String appId, String channelId) {
		String topic = topic(appId, channelId);
		this.recovering.merge(topic, 1, Integer::sum);
		try {
			return this.link.subscribeConfirmed(topic);
		}
		catch (ClusterUnavailableException ex) {
			this.recovering.computeIfPresent(topic, (key, count) -> (count > 1) ? count - 1 : null);
			throw ex;
		}
	}

	/** A recovery is over: the node listens on only while the channel has subscribers here. */
	synchronized void recoveryDone(String appId, String channelId) {
		String topic = topic(appId, channelId);
		this.recovering.computeIfPresent(topic, (key, count) -> (count > 1) ? count - 1 : null);
		IpcChannel current = this.channels.find(appId, channelId);
		if (!this.recovering.containsKey(topic) && (current == null || current.subscriberCount() == 0)) {
			this.link.unsubscribe(topic);
		}
	}

	private static String topic(String appId, String channelId) {
		return ClusterKeys.text(ClusterKeys.publishTopic(appId, channelId));
	}

}
