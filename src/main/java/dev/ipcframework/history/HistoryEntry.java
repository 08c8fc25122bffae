package dev.ipcframework.history;

import dev.ipcframework.protocol.StreamPosition;

/**
 * One kept publish.
 *
 * @param position its place in the channel's history
 * @param frame the publish as connections that asked for {@code offsets} receive it: encoded, with its
 * {@code offset} and {@code epoch}
 * @param keptAtNanos when it was kept ({@link System#nanoTime()}), for the age limit
 */
public record HistoryEntry(StreamPosition position, byte[] frame, long keptAtNanos) {

	public long offset() {
		return this.position.offset();
	}

}
