package dev.ipcframework.cli;

import java.util.Arrays;

/**
 * Latencies in nanoseconds, kept whole so that percentiles are exact. Thread-safe.
 */
final class LatencyRecorder {

	private long[] values = new long[1 << 16];

	private int size;

	synchronized void record(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	synchronized int count() {
		return this.size;
	}

	/** p50, p90, p99 and max, in microseconds. */
	synchronized long[] percentilesMicros() {
		long[] sorted = Arrays.copyOf(this.values, this.size);
		Arrays.sort(sorted);
		return new long[] { at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
				(sorted.length > 0) ? sorted[sorted.length - 1] / 1000 : 0 };
	}

	private static long at(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1000;
	}

}
