package dev.ipcframework.routing;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.stats.StatisticsCollector;

/**
 * Delivers to the connections of this server. Each message is encoded once, whatever the number of recipients.
 */
public class LocalMessageDelivery implements MessageDelivery {

	private final EnvelopeCodec codec;

	private final ChannelRegistry channels;

	private final ConnectionRegistry connections;

	private final StatisticsCollector stats;

	public LocalMessageDelivery(EnvelopeCodec codec, ChannelRegistry channels, ConnectionRegistry connections,
			StatisticsCollector stats) {
		this.codec = codec;
		this.channels = channels;
		this.connections = connections;
		this.stats = stats;
	}

	@Override
	public int publish(IpcEnvelope publish) {
		IpcChannel channel = this.channels.find(publish.appId(), publish.channelId());
		if (channel == null || channel.subscriberCount() == 0) {
			return 0;
		}
		return fanOut(channel, publish, this.codec.encode(publish));
	}

	/**
	 * Delivers a publish already encoded (for other servers too) to this server's subscribers.
	 * @param publish the message, or one with its app, channel and type, for finding the channel and counting
	 */
	public int publish(IpcEnvelope publish, byte[] frame) {
		IpcChannel channel = this.channels.find(publish.appId(), publish.channelId());
		return (channel == null || channel.subscriberCount() == 0) ? 0 : fanOut(channel, publish, frame);
	}

	/**
	 * Delivers a publish kept in a history shared with other servers: subscribers that asked for positions get it
	 * with its offset and epoch, the others the plain frame.
	 * @param publish the message, or one with its app, channel and type, for finding the channel and counting
	 */
	public int publishKept(IpcEnvelope publish, byte[] plain, byte[] positioned) {
		IpcChannel channel = this.channels.find(publish.appId(), publish.channelId());
		return (channel == null || channel.subscriberCount() == 0) ? 0
				: count(channel, publish, channel.fanOut(plain, positioned));
	}

	/** The channel's subscribers on this server now. */
	public int subscriberCount(String appId, String channelId) {
		IpcChannel channel = this.channels.find(appId, channelId);
		return (channel != null) ? channel.subscriberCount() : 0;
	}

	private int fanOut(IpcChannel channel, IpcEnvelope publish, byte[] frame) {
		return count(channel, publish, channel.fanOut(frame));
	}

	private int count(IpcChannel channel, IpcEnvelope publish, int delivered) {
		int subscribers = channel.subscriberCount();
		this.stats.delivered(delivered);
		this.stats.sent(publish.appId(), publish, delivered);
		if (delivered < subscribers) {
			// refused by full send buffers (approximate: subscribers may come and go meanwhile)
			this.stats.dropped(subscribers - delivered);
		}
		return delivered;
	}

	@Override
	public boolean sendTo(String connectionId, IpcEnvelope envelope) {
		ConnectionHandle connection = this.connections.find(connectionId);
		if (connection == null || !connection.send(envelope)) {
			return false;
		}
		this.stats.sent(connection, envelope);
		return true;
	}

	@Override
	public int broadcast(String appId, IpcEnvelope envelope) {
		byte[] frame = this.codec.encode(envelope);
		int delivered = 0;
		int refused = 0;
		for (ConnectionHandle connection : this.connections.ofApp(appId)) {
			if (connection.sendFrame(frame)) {
				delivered++;
			}
			else {
				refused++;
			}
		}
		this.stats.sent(appId, envelope, delivered);
		this.stats.dropped(refused);
		return delivered;
	}

}
