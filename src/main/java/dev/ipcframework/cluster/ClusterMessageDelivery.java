package dev.ipcframework.cluster;

import dev.ipcframework.cluster.ClusterMessage.Kind;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.routing.LocalMessageDelivery;
import dev.ipcframework.routing.MessageDelivery;
import org.jspecify.annotations.Nullable;

/**
 * Delivers to this node's connections and hands the same message, encoded once, to the other nodes through Redis.
 * While Redis is away, local delivery goes on and what could not be handed over is counted.
 */
public class ClusterMessageDelivery implements MessageDelivery {

	private final LocalMessageDelivery local;

	private final EnvelopeCodec codec;

	private final ConnectionRegistry connections;

	private final ConnectionDirectory directory;

	private final RedisLink link;

	private final ClusterStatistics stats;

	private final String nodeId;

	private final @Nullable RedisHistoryStore history;

	/** @param history where the publishes of applications with history are kept, or {@code null} for none */
	public ClusterMessageDelivery(LocalMessageDelivery local, EnvelopeCodec codec, ConnectionRegistry connections,
			ConnectionDirectory directory, RedisLink link, ClusterStatistics stats, String nodeId,
			@Nullable RedisHistoryStore history) {
		this.local = local;
		this.history = history;
		this.codec = codec;
		this.connections = connections;
		this.directory = directory;
		this.link = link;
		this.stats = stats;
		this.nodeId = nodeId;
	}

	/**
	 * Nodes that have subscribers to the channel get it from Redis in the order this node sent it, which is the
	 * order of each publisher's publishes. In an application with history, Redis keeps it and hands it to every
	 * node, this one included, in the order of the channel's offsets.
	 * @return the number of subscribers on this node it was queued to (in an application with history, that it
	 * will be queued to once Redis hands it back)
	 */
	@Override
	public int publish(IpcEnvelope publish) {
		byte[] frame = this.codec.encode(publish);
		RedisHistoryStore store = this.history;
		if (store != null && store.keepsHistory(publish.appId())) {
			if (store.append(publish.appId(), publish.channelId(), frame, () -> unkeptAnywhere(publish, frame),
					() -> unkept(publish, frame))) {
				return this.local.subscriberCount(publish.appId(), publish.channelId());
			}
			// Redis is away: this node's subscribers get it, without a position
			this.stats.unforwarded();
			return this.local.publish(publish, frame);
		}
		int delivered = this.local.publish(publish, frame);
		forward(ClusterKeys.publishTopic(publish.appId(), publish.channelId()),
				new ClusterMessage(Kind.PUBLISH, this.nodeId, publish.appId(), publish.channelId(), frame));
		return delivered;
	}

	/**
	 * @return {@code true} when queued to the connection here, or handed to the node that holds it; {@code false}
	 * when no node holds it, or it is here and cannot take the message
	 */
	@Override
	public boolean sendTo(String connectionId, IpcEnvelope envelope) {
		if (this.connections.find(connectionId) != null) {
			return this.local.sendTo(connectionId, envelope);
		}
		String owner = this.directory.owner(connectionId);
		if (owner == null || owner.equals(this.nodeId)) {
			return false;
		}
		return forward(ClusterKeys.inbox(owner),
				new ClusterMessage(Kind.SEND, this.nodeId, "", connectionId, this.codec.encode(envelope)));
	}

	/** @return the number of connections on this node it was queued to; other nodes deliver theirs too */
	@Override
	public int broadcast(String appId, IpcEnvelope envelope) {
		int delivered = this.local.broadcast(appId, envelope);
		forward(ClusterKeys.BROADCAST,
				new ClusterMessage(Kind.BROADCAST, this.nodeId, appId, "", this.codec.encode(envelope)));
		return delivered;
	}

	/**
	 * Redis refused to keep the publish (its application has as many channel histories as it may): delivered
	 * without a position, here and on the other nodes.
	 */
	private void unkeptAnywhere(IpcEnvelope publish, byte[] frame) {
		this.local.publish(publish, frame);
		forward(ClusterKeys.publishTopic(publish.appId(), publish.channelId()),
				new ClusterMessage(Kind.PUBLISH, this.nodeId, publish.appId(), publish.channelId(), frame));
	}

	/** Redis took the publish but failed it (it went away meanwhile): this node's subscribers still get it. */
	private void unkept(IpcEnvelope publish, byte[] frame) {
		this.stats.unforwarded();
		this.local.publish(publish, frame);
	}

	private boolean forward(byte[] topic, ClusterMessage message) {
		if (this.link.publish(topic, message.toBytes())) {
			return true;
		}
		this.stats.unforwarded();
		return false;
	}

}
