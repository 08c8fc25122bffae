package dev.ipcframework.history;

import java.time.Duration;

/**
 * How much of a channel's history is kept.
 *
 * @param size the most messages kept per channel; 0 keeps none, which turns history off
 * @param ttl the longest a message is kept; {@link Duration#ZERO} for no age limit
 */
public record HistoryLimits(int size, Duration ttl) {

	/** No history. */
	public static final HistoryLimits NONE = new HistoryLimits(0, Duration.ZERO);

	public boolean keepsHistory() {
		return this.size > 0;
	}

}
