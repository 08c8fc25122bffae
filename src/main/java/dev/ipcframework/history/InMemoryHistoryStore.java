package dev.ipcframework.history;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * Keeps channel histories in this server's memory, bounded by the policy's size per channel and by a number of
 * channel histories per application, and lost when the server stops (the next history has another epoch).
 * <p>
 * A channel's history is kept whether or not anyone is subscribed, since a lone subscriber that reconnects must
 * find what was published while it was away. Clients choose channel names, hence the bound on their number:
 * publishes to a further channel are delivered but not kept.
 */
public class InMemoryHistoryStore implements HistoryStore {

	/** The position of a channel that has no history: nothing kept, no epoch. */
	private static final StreamPosition NOTHING_KEPT = new StreamPosition(0, "");

	private final Map<String, Map<String, ChannelHistory>> apps = new ConcurrentHashMap<>();

	private final HistoryPolicy policy;

	private final int maxChannelsPerApp;

	private final HistoryFootprint footprint = new HistoryFootprint();

	public InMemoryHistoryStore(HistoryPolicy policy, int maxChannelsPerApp) {
		this.policy = policy;
		this.maxChannelsPerApp = maxChannelsPerApp;
	}

	public HistoryFootprint footprint() {
		return this.footprint;
	}

	@Override
	public boolean keepsHistory(String appId) {
		return this.policy.limitsFor(appId).keepsHistory();
	}

	/**
	 * Keeps a publish, giving it the channel's next position, and hands it to {@code deliver} before the channel's
	 * next append or recovery.
	 * @param frame the encoded publish, as connections without {@code offsets} receive it
	 * @param deliver receives the kept entry, or {@code null} when the message could not be kept (the application
	 * keeps no history, or has as many channel histories as it may)
	 */
	public void append(String appId, String channelId, byte[] frame, Consumer<@Nullable HistoryEntry> deliver) {
		ChannelHistory history = history(appId, channelId);
		if (history == null) {
			if (keepsHistory(appId)) {
				this.footprint.refused();
			}
			deliver.accept(null);
			return;
		}
		history.locked(() -> {
			deliver.accept(history.append(frame));
			return null;
		});
	}

	@Override
	public <T> T recover(String appId, String channelId, @Nullable StreamPosition since,
			Function<Recovery, T> join) {
		ChannelHistory history = history(appId, channelId);
		if (history == null) {
			return join.apply(Recovery.failed(NOTHING_KEPT));
		}
		return history.locked(() -> join.apply(history.recover(since)));
	}

	@Override
	public HistoryPage read(String appId, String channelId, @Nullable StreamPosition since, int limit) {
		// reading creates nothing: clients could otherwise fill the bound with names nobody publishes to
		ChannelHistory history = find(appId, channelId);
		if (history == null) {
			return new HistoryPage(List.of(), NOTHING_KEPT);
		}
		return history.locked(() -> history.read(since, limit));
	}

	private @Nullable ChannelHistory find(String appId, String channelId) {
		Map<String, ChannelHistory> channels = this.apps.get(appId);
		return (channels != null) ? channels.get(channelId) : null;
	}

	/** The channel's history, created on first use; {@code null} when it has none and may not get one. */
	private @Nullable ChannelHistory history(String appId, String channelId) {
		ChannelHistory history = find(appId, channelId);
		if (history != null) {
			return history;
		}
		HistoryLimits limits = this.policy.limitsFor(appId);
		if (!limits.keepsHistory()) {
			return null;
		}
		Map<String, ChannelHistory> appChannels = this.apps.computeIfAbsent(appId, (id) -> new ConcurrentHashMap<>());
		// other names may be added meanwhile, so this bounds the count to about the limit
		if (appChannels.size() >= this.maxChannelsPerApp && !appChannels.containsKey(channelId)) {
			return null;
		}
		return appChannels.computeIfAbsent(channelId, (id) -> {
			this.footprint.channelAdded();
			return new ChannelHistory(limits, this.footprint);
		});
	}

}
