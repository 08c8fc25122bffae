package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import dev.ipcframework.cluster.ClusterMessage.Kind;
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

	/** @param timeout the longest a recovery waits for Redis before the subscriber joins without one */
	public RedisHistoryStore(RedisLink link, ChannelInterest interest, PendingRecoveries recoveries,
			HistoryPolicy policy, String nodeId, Duration timeout) {
		this.link = link;
		this.interest = interest;
		this.recoveries = recoveries;
		this.policy = policy;
		this.nodeId = nodeId;
		this.timeout = timeout;
	}

	@Override
	public boolean keepsHistory(String appId) {
		return this.policy.limitsFor(appId).keepsHistory();
	}

	/**
	 * Keeps a publish and hands it to every node listening to the channel, this one included, without waiting.
	 * @param unkept runs when Redis turns out not to have kept it (it went away meanwhile)
	 * @return {@code false} when Redis is away and nothing was sent
	 */
	boolean append(String appId, String channelId, byte[] frame, Runnable unkept) {
		HistoryLimits limits = this.policy.limitsFor(appId);
		RedisFuture<Long> kept;
		try {
			kept = this.link.commands().eval(HistoryScripts.APPEND, ScriptOutputType.INTEGER, keys(appId, channelId),
					ClusterKeys.bytes(newEpoch()), number(limits.size()), number(limits.ttl().toMillis()), frame,
					ClusterKeys.publishTopic(appId, channelId),
					new ClusterMessage(Kind.KEPT, this.nodeId, appId, channelId, NONE).toBytes());
		}
		catch (ClusterUnavailableException ex) {
			return false;
		}
		kept.whenComplete((offset, failure) -> {
			if (failure != null) {
				unkept.run();
			}
		});
		return true;
	}

	@Override
	public <T> T recover(String appId, String channelId, @Nullable StreamPosition since,
			Function<Recovery, T> join) {
		HistoryLimits limits = this.policy.limitsFor(appId);
		if (!limits.keepsHistory()) {
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
				return pending.await(this.timeout, () -> join.apply(Recovery.failed(NOTHING_KEPT)));
			}
			finally {
				this.interest.recoveryDone(appId, channelId);
			}
		}
		catch (ClusterUnavailableException ex) {
			return pending.fallBack(() -> join.apply(Recovery.failed(NOTHING_KEPT)));
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
