package dev.ipcframework.cluster;

import dev.ipcframework.cluster.ClusterMessage.Kind;
import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.ThrottledLog;
import dev.ipcframework.presence.PresenceRegistry;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.routing.LocalMessageDelivery;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.NullNode;

/**
 * Takes what other nodes send this node through Redis and hands it on, on Lettuce's thread and in the order Redis
 * delivered it: publishes to this node's subscribers (those kept in a history with their positions, from every
 * node, this one too), what a recovery read to the subscriber waiting for it, presence events to the listeners,
 * messages to its connections, requests to its handlers and serving clients, answers to the requesters that wait
 * for them. Nothing here blocks.
 */
public class ClusterInbox {

	private static final Log logger = LogFactory.getLog(ClusterInbox.class);

	private final ThrottledLog failures = new ThrottledLog(logger);

	private final LocalMessageDelivery local;

	private final EnvelopeCodec codec;

	private final RemoteRequests requests;

	private final RemoteRequesters requesters;

	private final String nodeId;

	private final ConnectionRegistry connections;

	private final PendingRecoveries recoveries;

	private final PresenceRegistry presence;

	public ClusterInbox(LocalMessageDelivery local, ConnectionRegistry connections, EnvelopeCodec codec,
			RemoteRequests requests, RemoteRequesters requesters, PendingRecoveries recoveries,
			PresenceRegistry presence, String nodeId) {
		this.local = local;
		this.recoveries = recoveries;
		this.presence = presence;
		this.connections = connections;
		this.codec = codec;
		this.requests = requests;
		this.requesters = requesters;
		this.nodeId = nodeId;
	}

	void receive(byte[] channel, byte[] bytes) {
		try {
			ClusterMessage message = ClusterMessage.parse(bytes);
			if (message.kind() == Kind.KEPT) {
				// from every node, this one too: a channel's kept publishes reach its subscribers in offset order
				deliverKept(message);
				return;
			}
			if (message.kind() == Kind.RECOVERY) {
				this.recoveries.arrived(message.address(), message.frame());
				return;
			}
			if (message.origin().equals(this.nodeId)) {
				// this node's own publish or broadcast: delivered here already
				return;
			}
			switch (message.kind()) {
				case PUBLISH -> this.local.publish(publishOf(message), message.frame());
				case SEND -> sendTo(message.address(), this.codec.decode(message.frame()));
				case BROADCAST -> this.local.broadcast(message.appId(), this.codec.decode(message.frame()));
				case REQUEST -> this.requesters.request(message);
				case RESPONSE -> this.requests.response(message);
				case PRESENCE -> this.presence.toldElsewhere(message.appId(), message.address(), message.frame());
				default -> throw new IllegalArgumentException("unexpected " + message.kind());
			}
		}
		catch (RuntimeException ex) {
			this.failures.warn("cluster-message", () -> "Dropped a message from Redis channel '"
					+ ClusterKeys.text(channel) + "'", ex);
		}
	}

	private void deliverKept(ClusterMessage message) {
		KeptPublish kept = KeptPublish.parse(message.frame());
		this.local.publishKept(publishOf(message), kept.frame(),
				EnvelopeCodec.withPosition(kept.frame(), kept.position()));
	}

	/** A message the sender addressed by connection id alone gets the connection's app here. */
	private void sendTo(String connectionId, IpcEnvelope envelope) {
		ConnectionHandle connection = this.connections.find(connectionId);
		if (connection == null || connection.appId() == null) {
			return;
		}
		IpcEnvelope addressed = envelope.appId().isEmpty()
				? new IpcEnvelope(envelope.messageId(), connection.appId(), envelope.channelId(),
						envelope.messageType(), envelope.payload(), envelope.timestamp(), envelope.replyTo())
				: envelope;
		this.local.sendTo(connectionId, addressed);
	}

	/**
	 * What the local delivery needs of a publish (its app and channel, to find the subscribers and count): taken
	 * from the message's header, so that the frame is not decoded again on every node.
	 */
	private static IpcEnvelope publishOf(ClusterMessage message) {
		return new IpcEnvelope("", message.appId(), message.address(), MessageType.PUBLISH, NullNode.getInstance(),
				0, null);
	}

}
