package dev.ipcframework.dashboard;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.stats.IpcMetricsListener;

/**
 * Messages in and out per channel, for the dashboard's channel rates. The collector keeps no per-channel figures, and
 * the Micrometer channel tag is off by default, so this listener counts them itself. Clients name channels: the
 * feed drops the counts of channels that no longer exist on every tick.
 */
public class ChannelTraffic implements IpcMetricsListener {

	/** One channel of one application. */
	public record ChannelKey(String appId, String channelId) {
	}

	/** Messages received from clients and queued to clients, since counting began. */
	public record Counts(long in, long out) {
	}

	private static final class Adders {

		final LongAdder in = new LongAdder();

		final LongAdder out = new LongAdder();

	}

	private final Map<ChannelKey, Adders> channels = new ConcurrentHashMap<>();

	@Override
	public void messageReceived(String appId, String channelId, MessageType type) {
		adders(appId, channelId).in.increment();
	}

	@Override
	public void messagesSent(String appId, String channelId, MessageType type, int count) {
		adders(appId, channelId).out.add(count);
	}

	private Adders adders(String appId, String channelId) {
		ChannelKey key = new ChannelKey(appId, channelId);
		Adders adders = this.channels.get(key);
		return (adders != null) ? adders : this.channels.computeIfAbsent(key, (k) -> new Adders());
	}

	/** The counts of a channel, zero if nothing was counted. */
	public Counts counts(ChannelKey key) {
		Adders adders = this.channels.get(key);
		return (adders != null) ? new Counts(adders.in.sum(), adders.out.sum()) : new Counts(0, 0);
	}

	/** Forgets every channel but these. */
	public void retain(Set<ChannelKey> existing) {
		this.channels.keySet().retainAll(existing);
	}

}
