package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import dev.ipcframework.cluster.ClusterMessage.Kind;
import dev.ipcframework.cluster.RedisHistoryStatistics.Operation;
import dev.ipcframework.history.HistoryLimits;
import dev.ipcframework.history.HistoryPage;
import dev.ipcframework.history.HistoryPolicy;
import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.history.Recovery;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.protocol.StreamPosition;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import org.jspecify.annotations.Nullable;

/**
 * Channel histories in Redis, shared by the nodes of a cluster: they survive a node's restart, and a client
 * recovers on any node. One stream per channel, trimmed to the size limit and the age limit, beside a hash with the
 * channel's epoch and offset counter ({@link ClusterKeys#historyPosition}); both are written by one Lua script per
 * publish, which also hands the publish, with its position, to every node listening to the channel, the publishing
 * one included. Every node therefore delivers a channel's publishes in the order of their offsets.
 * <p>
 * As in memory, an application has the history of a bounded number of channels: a sorted set per application
 * ({@link ClusterKeys#historyChannels}) lists them, and a publish or a recovery first admits its channel there (a
 * script of its own, since that key is in another hash slot than the channel's). A channel leaves the set when its
 * history keys expire; without an age limit, never.
 * <p>
 * A recovery listens to the channel first, then reads; its read comes back through the node's inbox, after the
 * publishes it holds and before later ones, and the subscriber joins there ({@link PendingRecoveries}). While Redis
 * is away nothing is kept or recovered: the node delivers its own publishes alone, without positions.
 * <p>
 * Spring Data Redis's templates would wait for Redis while it is away; this goes through the cluster's
 * {@link RedisLink}, which does not.
 */
public class RedisHistoryStore implements HistoryStore {

	private static final StreamPosition NOTHING_KEPT = new StreamPosition(0, "");

	private static final byte[] NONE = new byte[0];

	private final RedisLink link;

	private final ChannelInterest interest;

	private final PendingRecoveries recoveries;

	private final HistoryPolicy policy;

	private final String nodeId;

	private final Duration timeout;

	private final int maxChannelsPerApp;

	private final RedisHistoryStatistics stats;

	/**
	 * @param timeout the longest a recovery waits for Redis before the subscriber joins without one
	 * @param maxChannelsPerApp the most channels of one application with a history; publishes to further channels
	 * are delivered but not kept
	 */
	public RedisHistoryStore(RedisLink link, ChannelInterest interest, PendingRecoveries recoveries,
			HistoryPolicy policy, String nodeId, Duration timeout, int maxChannelsPerApp,
			RedisHistoryStatistics stats) {
		this.maxChannelsPerApp = maxChannelsPerApp;
		this.stats = stats;
		this.link = link;
		this.interest = interest;
		this.recoveries = recoveries;
		this.policy = policy;
		this.nodeId = nodeId;
		this.timeout = timeout;
	}

	public RedisHistoryStatistics statistics() {
		return this.stats;
	}

	@Override
	public boolean keepsHistory(String appId) {
		return this.policy.limitsFor(appId).keepsHistory();
	}

	/**
	 * Keeps a publish and hands it to every node listening to the channel, this one included, without waiting.
	 * The channel is first admitted to its application's channel histories, which are bounded in number; a channel
	 * refused there keeps nothing. Each step is sent from the completion of the one before, so a publisher's
	 * publishes reach Redis's history in the order it sent them.
	 * @param refused runs when the application had as many channel histories as it may: not kept, to deliver
	 * without a position
	 * @param failed runs when Redis turns out not to have kept it (it went away meanwhile)
	 * @return {@code false} when Redis is away and nothing was sent
	 */
	boolean append(String appId, String channelId, byte[] frame, Runnable refused, Runnable failed) {
		HistoryLimits limits = this.policy.limitsFor(appId);
		RedisFuture<Long> admitted;
		try {
			admitted = admit(appId, channelId, limits);
		}
		catch (ClusterUnavailableException ex) {
			this.stats.failed(Operation.APPEND);
			return false;
		}
		admitted.whenComplete((count, failure) -> {
			if (failure != null) {
				failed(failed);
			}
			else if (!counted(appId, count)) {
				this.stats.refused();
				refused.run();
			}
			else {
				keep(appId, channelId, frame, limits, failed);
			}
		});
		return true;
	}

	private void keep(String appId, String channelId, byte[] frame, HistoryLimits limits, Runnable failed) {
		RedisFuture<Long> kept;
		try {
			kept = this.link.commands().eval(HistoryScripts.APPEND, ScriptOutputType.INTEGER, keys(appId, channelId),
					ClusterKeys.bytes(newEpoch()), number(limits.size()), number(limits.ttl().toMillis()), frame,
					ClusterKeys.publishTopic(appId, channelId),
					new ClusterMessage(Kind.KEPT, this.nodeId, appId, channelId, NONE).toBytes());
		}
		catch (ClusterUnavailableException ex) {
			failed(failed);
			return;
		}
		kept.whenComplete((offset, failure) -> {
			if (failure != null) {
				failed(failed);
			}
			else {
				this.stats.kept();
			}
		});
	}

	private void failed(Runnable failed) {
		this.stats.failed(Operation.APPEND);
		failed.run();
	}

	/**
	 * Adds the channel to its application's channel histories unless they are as many as they may be.
	 * @throws ClusterUnavailableException when Redis is away
	 */
	private RedisFuture<Long> admit(String appId, String channelId, HistoryLimits limits) {
		return this.link.commands().eval(HistoryScripts.ADMIT, ScriptOutputType.INTEGER,
				new byte[][] { ClusterKeys.historyChannels(appId) }, ClusterKeys.bytes(channelId),
				number(this.maxChannelsPerApp), number(limits.ttl().toMillis()));
	}

	/** Notes the application's number of channel histories that admitting gave; whether the channel was admitted. */
	private boolean counted(String appId, long admitted) {
		this.stats.channels(appId, Math.abs(admitted));
		return admitted > 0;
	}

	@Override
	public <T> T recover(String appId, String channelId, @Nullable StreamPosition since,
			Function<Recovery, T> join) {
		HistoryLimits limits = this.policy.limitsFor(appId);
		if (!limits.keepsHistory()) {
			return join.apply(Recovery.failed(NOTHING_KEPT));
		}
		try {
			// a recovery gives the channel an epoch, so it needs the room for a history as a publish does
			if (!counted(appId, this.link.await(admit(appId, channelId, limits)))) {
				return join.apply(Recovery.failed(NOTHING_KEPT));
			}
		}
		catch (ClusterUnavailableException ex) {
			this.stats.failed(Operation.RECOVER);
			return join.apply(Recovery.failed(NOTHING_KEPT));
		}
		PendingRecoveries.Pending<T> pending = this.recoveries
			.add((read) -> join.apply(StoredHistory.parse(read).recovery(since)));
		try {
			RedisFuture<Void> listening = this.interest.listenForRecovery(appId, channelId);
			try {
				// publishes after this point reach the node live; those before it are in the stream
				this.link.await(listening);
				this.link.await(this.link.commands().eval(HistoryScripts.READ, ScriptOutputType.VALUE,
						keys(appId, channelId), read("recover", since, 0, limits, ClusterKeys.inbox(this.nodeId),
								new ClusterMessage(Kind.RECOVERY, this.nodeId, appId, pending.token(), NONE)
									.toBytes())));
				return pending.await(this.timeout, () -> {
					this.stats.failed(Operation.RECOVER);
					return join.apply(Recovery.failed(NOTHING_KEPT));
				});
			}
			finally {
				this.interest.recoveryDone(appId, channelId);
			}
		}
		catch (ClusterUnavailableException ex) {
			return pending.fallBack(() -> {
				this.stats.failed(Operation.RECOVER);
				return join.apply(Recovery.failed(NOTHING_KEPT));
			});
		}
	}

	/**
	 * @throws IpcException {@code TIMEOUT} when Redis is away or does not answer in time
	 */
	@Override
	public HistoryPage read(String appId, String channelId, @Nullable StreamPosition since, int limit) {
		HistoryLimits limits = this.policy.limitsFor(appId);
		try {
			byte[] read = this.link.await(this.link.commands().eval(HistoryScripts.READ, ScriptOutputType.VALUE,
					keys(appId, channelId), read("read", since, Math.max(limit, 0), limits, NONE, NONE)));
			return StoredHistory.parse(read).page();
		}
		catch (ClusterUnavailableException ex) {
			this.stats.failed(Operation.READ);
			throw new IpcException(IpcErrorCode.TIMEOUT, "the history is kept in Redis, which is not reachable");
		}
	}

	private static byte[][] keys(String appId, String channelId) {
		return new byte[][] { ClusterKeys.historyPosition(appId, channelId), ClusterKeys.historyStream(appId, channelId) };
	}

	private static byte[][] read(String mode, @Nullable StreamPosition since, int limit, HistoryLimits limits,
			byte[] inbox, byte[] head) {
		return new byte[][] { ClusterKeys.bytes(mode), number((since != null) ? since.offset() : 0),
				ClusterKeys.bytes((since != null) ? since.epoch() : ""), number(limit), number(limits.ttl().toMillis()),
				ClusterKeys.bytes(newEpoch()), inbox, head };
	}

	private static byte[] number(long value) {
		return ClusterKeys.bytes(Long.toString(value));
	}

	/** Random, as the in-memory history's: a history Redis lost never passes for the one before it. */
	private static String newEpoch() {
		return Long.toHexString(ThreadLocalRandom.current().nextLong());
	}

}
