package dev.ipcframework.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * Handler latency percentiles over one interval of the feed.
 *
 * @param calls handler calls that completed in the interval
 * @param p50 median, in milliseconds
 * @param p95 95th percentile, in milliseconds
 * @param p99 99th percentile, in milliseconds
 */
public record HandlerLatency(long calls, double p50, double p95, double p99) {

	/** What the feed asks, once a tick, for the handler calls since the previous call. */
	@FunctionalInterface
	public interface Source {

		/** @return the latency of the calls since the previous call, {@code null} when there is nothing to ask */
		@Nullable HandlerLatency sinceLastCall();

	}

}
