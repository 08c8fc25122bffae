package dev.ipcframework.bench.natscompare;

/**
 * Latencies in nanoseconds, counted in log-linear buckets: 64 buckets per power of two, so a percentile is within
 * about 1.6% of the recorded value, in a fixed array of 3,712 counters. One per thread; {@link #add} merges them
 * after the run. (HdrHistogram does this better, but is not a dependency of the project.)
 */
final class LatencyHistogram {

	private static final int SUB_BITS = 6;

	private static final int SUB_BUCKETS = 1 << SUB_BITS;

	private final long[] counts = new long[(64 - SUB_BITS) * SUB_BUCKETS];

	private long count;

	private long max;

	void record(long nanos) {
		long value = Math.max(0, nanos);
		this.counts[index(value)]++;
		this.count++;
		if (value > this.max) {
			this.max = value;
		}
	}

	void add(LatencyHistogram other) {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] += other.counts[i];
		}
		this.count += other.count;
		this.max = Math.max(this.max, other.max);
	}

	long count() {
		return this.count;
	}

	long maxNanos() {
		return this.max;
	}

	/** The value at the given percentile (0–100], in nanoseconds; 0 when nothing was recorded. */
	long percentileNanos(double percentile) {
		if (this.count == 0) {
			return 0;
		}
		long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * this.count));
		long seen = 0;
		for (int i = 0; i < this.counts.length; i++) {
			seen += this.counts[i];
			if (seen >= rank) {
				return Math.min(this.max, valueOf(i));
			}
		}
		return this.max;
	}

	private static int index(long value) {
		if (value < 2 * SUB_BUCKETS) {
			return (int) value;
		}
		int shift = (63 - Long.numberOfLeadingZeros(value)) - SUB_BITS;
		return ((shift + 1) << SUB_BITS) + (int) ((value >>> shift) - SUB_BUCKETS);
	}

	/** The middle of a bucket. */
	private static long valueOf(int index) {
		if (index < 2 * SUB_BUCKETS) {
			return index;
		}
		int shift = (index >> SUB_BITS) - 1;
		long low = ((long) (index & (SUB_BUCKETS - 1)) + SUB_BUCKETS) << shift;
		return low + ((1L << shift) >> 1);
	}

}
