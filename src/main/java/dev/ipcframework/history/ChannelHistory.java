package dev.ipcframework.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * The kept publishes of one channel: a ring of at most {@code size} messages, none older than the age limit, with
 * the channel's offset counter and its epoch. The epoch is chosen at random when the history is created, so a
 * history lost with a restart never passes for the one before it. Its lock orders appends and recoveries.
 */
final class ChannelHistory {

	private final ReentrantLock lock = new ReentrantLock();

	/** Oldest first; an ArrayDeque is a ring that grows to the size limit and no further. */
	private final ArrayDeque<HistoryEntry> entries = new ArrayDeque<>();

	private final String epoch = Long.toHexString(ThreadLocalRandom.current().nextLong());

	private final int size;

	private final long ttlNanos;

	private final HistoryFootprint footprint;

	private long lastOffset;

	ChannelHistory(HistoryLimits limits, HistoryFootprint footprint) {
		this.size = limits.size();
		this.ttlNanos = limits.ttl().toNanos();
		this.footprint = footprint;
	}

	<T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Keeps a frame at the next offset, dropping the oldest beyond the size limit. Under the lock. */
	HistoryEntry append(byte[] frame) {
		long now = System.nanoTime();
		expire(now);
		StreamPosition position = new StreamPosition(++this.lastOffset, this.epoch);
		HistoryEntry entry = new HistoryEntry(position, EnvelopeCodec.withPosition(frame, position), now);
		if (this.entries.size() == this.size) {
			this.footprint.dropped(this.entries.removeFirst());
		}
		this.entries.addLast(entry);
		this.footprint.kept(entry);
		return entry;
	}

	/** Under the lock. */
	Recovery recover(@Nullable StreamPosition since) {
		expire(System.nanoTime());
		StreamPosition latest = latest();
		if (since == null || !this.epoch.equals(since.epoch()) || since.offset() > this.lastOffset) {
			return Recovery.failed(latest);
		}
		// every message after `since` must still be here: the oldest kept is at most the one right after it
		long oldestKept = this.entries.isEmpty() ? this.lastOffset + 1 : this.entries.getFirst().offset();
		if (since.offset() + 1 < oldestKept) {
			return Recovery.failed(latest);
		}
		return new Recovery(true, after(since.offset(), Integer.MAX_VALUE), latest);
	}

	/** Under the lock. */
	HistoryPage read(@Nullable StreamPosition since, int limit) {
		expire(System.nanoTime());
		long after = (since != null && this.epoch.equals(since.epoch())) ? since.offset() : 0;
		return new HistoryPage(after(after, (limit > 0) ? limit : Integer.MAX_VALUE), latest());
	}

	private List<HistoryEntry> after(long offset, int limit) {
		List<HistoryEntry> found = new ArrayList<>();
		for (HistoryEntry entry : this.entries) {
			if (found.size() == limit) {
				break;
			}
			if (entry.offset() > offset) {
				found.add(entry);
			}
		}
		return found;
	}

	private StreamPosition latest() {
		return new StreamPosition(this.lastOffset, this.epoch);
	}

	private void expire(long now) {
		if (this.ttlNanos <= 0) {
			return;
		}
		while (!this.entries.isEmpty() && now - this.entries.getFirst().keptAtNanos() > this.ttlNanos) {
			this.footprint.dropped(this.entries.removeFirst());
		}
	}

}
