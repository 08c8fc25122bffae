package dev.ipcframework.history;

import java.util.concurrent.atomic.LongAdder;

/**
 * How much the in-memory history holds, over all channels: what its meters show.
 */
public final class HistoryFootprint {

	private final LongAdder messages = new LongAdder();

	private final LongAdder bytes = new LongAdder();

	private final LongAdder channels = new LongAdder();

	private final LongAdder refused = new LongAdder();

	void kept(HistoryEntry entry) {
		this.messages.increment();
		this.bytes.add(entry.frame().length);
	}

	void dropped(HistoryEntry entry) {
		this.messages.decrement();
		this.bytes.add(-entry.frame().length);
	}

	void channelAdded() {
		this.channels.increment();
	}

	void refused() {
		this.refused.increment();
	}

	/** Messages kept now. */
	public long messages() {
		return this.messages.sum();
	}

	/** Bytes of the frames kept now. */
	public long bytes() {
		return this.bytes.sum();
	}

	/** Channels with a history now. */
	public long channels() {
		return this.channels.sum();
	}

	/** Publishes not kept because their application had as many channel histories as it may. */
	public long refusedMessages() {
		return this.refused.sum();
	}

}
