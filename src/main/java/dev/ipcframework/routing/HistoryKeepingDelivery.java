package dev.ipcframework.routing;

import dev.ipcframework.history.HistoryEntry;
import dev.ipcframework.history.InMemoryHistoryStore;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.stats.StatisticsCollector;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the publishes of applications with history before they are delivered, and delivers them with their
 * position to subscribers that asked for positions. Everything else goes to the delivery it wraps; it is only put
 * in place when some application keeps history, so that publishing costs nothing more when none does.
 * <p>
 * A publish is encoded once; the frame with its position is that frame with two keys appended, made once for all
 * subscribers. It is handed to the subscribers while the channel's history is locked, so that a subscriber
 * recovering from the history at the same time gets it either from the history or live, never both or neither.
 */
public class HistoryKeepingDelivery implements MessageDelivery {

	private final MessageDelivery delegate;

	private final InMemoryHistoryStore history;

	private final EnvelopeCodec codec;

	private final ChannelRegistry channels;

	private final StatisticsCollector stats;

	public HistoryKeepingDelivery(MessageDelivery delegate, InMemoryHistoryStore history, EnvelopeCodec codec,
			ChannelRegistry channels, StatisticsCollector stats) {
		this.delegate = delegate;
		this.history = history;
		this.codec = codec;
		this.channels = channels;
		this.stats = stats;
	}

	@Override
	public int publish(IpcEnvelope publish) {
		String appId = publish.appId();
		if (!this.history.keepsHistory(appId)) {
			return this.delegate.publish(publish);
		}
		byte[] frame = this.codec.encode(publish);
		int[] counts = new int[2];
		this.history.append(appId, publish.channelId(), frame, (@Nullable HistoryEntry kept) -> {
			// looked up under the history's lock: a subscriber recovering meanwhile is either found or recovers this
			IpcChannel channel = this.channels.find(appId, publish.channelId());
			if (channel != null) {
				counts[0] = channel.subscriberCount();
				counts[1] = (kept != null) ? channel.fanOut(frame, kept.frame()) : channel.fanOut(frame);
			}
		});
		int subscribers = counts[0];
		int delivered = counts[1];
		if (subscribers > 0) {
			this.stats.delivered(delivered);
			this.stats.sent(appId, publish, delivered);
			if (delivered < subscribers) {
				this.stats.dropped(subscribers - delivered);
			}
		}
		return delivered;
	}

	@Override
	public boolean sendTo(String connectionId, IpcEnvelope envelope) {
		return this.delegate.sendTo(connectionId, envelope);
	}

	@Override
	public int broadcast(String appId, IpcEnvelope envelope) {
		return this.delegate.broadcast(appId, envelope);
	}

}
