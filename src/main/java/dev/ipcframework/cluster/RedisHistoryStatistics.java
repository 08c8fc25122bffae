package dev.ipcframework.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What this node saw of the channel histories in Redis, counted as it goes, so that its meters never wait for
 * Redis: the publishes it had kept or could not have kept, the channels with a history as Redis last told it, and
 * the history operations Redis failed or did not answer in time.
 */
public class RedisHistoryStatistics {

	/** What the node asks of the history in Redis. */
	public enum Operation {

		/** Keeping a publish. */
		APPEND,

		/** Reading what a subscriber missed. */
		RECOVER,

		/** Answering a client's {@code history} request. */
		READ

	}

	private final LongAdder kept = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final Map<Operation, LongAdder> failures = new ConcurrentHashMap<>();

	/** Per application, its number of channels with a history at this node's last publish or recovery in it. */
	private final Map<String, Long> channels = new ConcurrentHashMap<>();

	void kept() {
		this.kept.increment();
	}

	void refused() {
		this.refused.increment();
	}

	void failed(Operation operation) {
		this.failures.computeIfAbsent(operation, (key) -> new LongAdder()).increment();
	}

	void channels(String appId, long count) {
		this.channels.put(appId, count);
	}

	/** Publishes from this node that Redis kept. */
	public long keptMessages() {
		return this.kept.sum();
	}

	/** Publishes from this node not kept because their application had as many channel histories as it may. */
	public long refusedMessages() {
		return this.refused.sum();
	}

	/**
	 * Channels with a history over all applications, as Redis told this node at its last publish or recovery in
	 * each: other nodes may have added channels since, and expired ones count until this node's next publish.
	 */
	public long channels() {
		return this.channels.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Operations of this kind that Redis failed, or did not answer in time, or that found it away. */
	public long failures(Operation operation) {
		LongAdder count = this.failures.get(operation);
		return (count != null) ? count.sum() : 0;
	}

}
