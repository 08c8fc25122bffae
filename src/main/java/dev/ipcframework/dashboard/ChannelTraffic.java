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

	/**
	 * By app, then channel: two lookups by strings whose hashes are cached, with nothing allocated per message.
	 * An app's map stays when its channels go, as the app stays in the collector's statistics.
	 */
	private final Map<String, Map<String, Adders>> apps = new ConcurrentHashMap<>();

	@Override
	public void messagesReceived(String appId, String channelId, MessageType type, int count) {
		adders(appId, channelId).in.add(count);
	}

	@Override
	public void messagesSent(String appId, String channelId, MessageType type, int count) {
		adders(appId, channelId).out.add(count);
	}

	private Adders adders(String appId, String channelId) {
		Map<String, Adders> channels = this.apps.get(appId);
		if (channels == null) {
			channels = this.apps.computeIfAbsent(appId, (id) -> new ConcurrentHashMap<>());
		}
		Adders adders = channels.get(channelId);
		return (adders != null) ? adders : channels.computeIfAbsent(channelId, (id) -> new Adders());
	}

	/** The counts of a channel, zero if nothing was counted. */
	public Counts counts(ChannelKey key) {
		Map<String, Adders> channels = this.apps.get(key.appId());
		Adders adders = (channels != null) ? channels.get(key.channelId()) : null;
		return (adders != null) ? new Counts(adders.in.sum(), adders.out.sum()) : new Counts(0, 0);
	}

	/** Forgets every channel but these. */
	public void retain(Set<ChannelKey> existing) {
		this.apps.forEach((appId, channels) -> channels.keySet()
			.removeIf((channelId) -> !existing.contains(new ChannelKey(appId, channelId))));
	}

}
