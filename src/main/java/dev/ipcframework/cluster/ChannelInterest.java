package dev.ipcframework.cluster;

import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.IpcChannel;
import dev.ipcframework.routing.SubscriptionListener;

/**
 * Subscribes the node to a channel's publishes in Redis while the channel has a subscriber on this node, and only
 * then: a node gets the traffic of the channels its clients want, not every publish of the cluster.
 */
public class ChannelInterest implements SubscriptionListener {

	private final ChannelRegistry channels;

	private final RedisLink link;

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
		String topic = ClusterKeys.text(ClusterKeys.publishTopic(channel.appId(), channel.channelId()));
		IpcChannel current = this.channels.find(channel.appId(), channel.channelId());
		if (channel.subscriberCount() > 0 || (current != null && current.subscriberCount() > 0)) {
			this.link.subscribe(topic);
		}
		else {
			this.link.unsubscribe(topic);
		}
	}

}
