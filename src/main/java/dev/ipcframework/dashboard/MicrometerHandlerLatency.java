package dev.ipcframework.dashboard;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.actuate.IpcMeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Percentiles of {@value IpcMeterNames#HANDLER_DURATION} over the last interval, from the timers' percentile
 * histograms: the bucket counts of every timer (any app, type, outcome) are added up, the previous call's counts are
 * subtracted, and each percentile is interpolated within its bucket as Prometheus' {@code histogram_quantile} does.
 * The registry's histograms are cumulative, so the difference is exactly the calls of the interval. A registry that
 * keeps no percentile histograms (Prometheus does, {@code SimpleMeterRegistry} does not) gives no latency.
 */
public class MicrometerHandlerLatency implements HandlerLatency.Source {

	private static final double NANOS_PER_MILLI = 1_000_000.0;

	private final ObjectProvider<MeterRegistry> registry;

	/** Upper bound in nanoseconds to calls at or below it, summed over the timers, at the previous call. */
	private NavigableMap<Double, Double> previousBuckets = new TreeMap<>();

	private long previousCount;

	/** @param registry the application's registry, looked up at each call: there may be none */
	public MicrometerHandlerLatency(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public synchronized @Nullable HandlerLatency sinceLastCall() {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters == null) {
			return null;
		}
		NavigableMap<Double, Double> buckets = new TreeMap<>();
		long count = 0;
		for (Timer timer : meters.find(IpcMeterNames.HANDLER_DURATION).timers()) {
			HistogramSnapshot snapshot = timer.takeSnapshot();
			count += snapshot.count();
			for (CountAtBucket bucket : snapshot.histogramCounts()) {
				buckets.merge(bucket.bucket(TimeUnit.NANOSECONDS), bucket.count(), Double::sum);
			}
		}
		if (buckets.isEmpty()) {
			// a registry without percentile histograms (SimpleMeterRegistry) gives no buckets to read percentiles from
			return null;
		}
		long calls = count - this.previousCount;
		NavigableMap<Double, Double> interval = new TreeMap<>();
		buckets.forEach((bound, cumulative) -> interval.put(bound,
				Math.max(0, cumulative - this.previousBuckets.getOrDefault(bound, 0.0))));
		this.previousBuckets = buckets;
		this.previousCount = count;
		if (calls <= 0) {
			return new HandlerLatency(Math.max(0, calls), 0, 0, 0);
		}
		return new HandlerLatency(calls, percentile(interval, calls, 0.50), percentile(interval, calls, 0.95),
				percentile(interval, calls, 0.99));
	}

	/** Linear interpolation inside the bucket the rank falls in; past the last bucket, its bound. */
	static double percentile(NavigableMap<Double, Double> cumulativeBuckets, long total, double quantile) {
		double rank = quantile * total;
		double lowerBound = 0;
		double lowerCount = 0;
		for (Map.Entry<Double, Double> bucket : cumulativeBuckets.entrySet()) {
			double upperBound = bucket.getKey();
			double upperCount = bucket.getValue();
			if (upperCount >= rank && upperCount > lowerCount) {
				double fraction = (rank - lowerCount) / (upperCount - lowerCount);
				return (lowerBound + (upperBound - lowerBound) * fraction) / NANOS_PER_MILLI;
			}
			lowerBound = upperBound;
			lowerCount = upperCount;
		}
		return lowerBound / NANOS_PER_MILLI;
	}

}
