package dev.ipcframework.dashboard;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.actuate.IpcMeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Percentiles of each interval from the handler timers' cumulative histograms.
 */
class MicrometerHandlerLatencyTests {

	/** As shipped: Prometheus keeps the percentile histograms. */
	private final MeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final MicrometerHandlerLatency latency = latencyOf(this.registry);

	private static MicrometerHandlerLatency latencyOf(MeterRegistry registry) {
		return new MicrometerHandlerLatency(
				new StaticListableBeanFactory(Map.of("registry", registry)).getBeanProvider(MeterRegistry.class));
	}

	private Timer timer(String outcome) {
		return Timer.builder(IpcMeterNames.HANDLER_DURATION)
			.tag(IpcMeterNames.TAG_OUTCOME, outcome)
			.publishPercentileHistogram()
			.register(this.registry);
	}

	@Test
	void percentilesCoverOnlyTheCallsSinceTheLastCallOverEveryTimer() {
		for (int i = 0; i < 200; i++) {
			timer("success").record(Duration.ofMillis(200));
		}
		this.latency.sinceLastCall();
		for (int i = 0; i < 90; i++) {
			timer("success").record(Duration.ofMillis(2));
		}
		for (int i = 0; i < 10; i++) {
			timer("error").record(Duration.ofMillis(40));
		}

		HandlerLatency interval = this.latency.sinceLastCall();

		assertThat(interval.calls()).isEqualTo(100);
		// the histogram's buckets are coarse: each figure lies within the bucket of the true value
		assertThat(interval.p50()).isCloseTo(2, within(0.5));
		assertThat(interval.p99()).isCloseTo(40, within(8.0));
		assertThat(this.latency.sinceLastCall().calls()).isZero();
	}

	@Test
	void registryWithoutHistogramsGivesNoLatency() {
		SimpleMeterRegistry simple = new SimpleMeterRegistry();
		MicrometerHandlerLatency withoutHistograms = latencyOf(simple);
		Timer.builder(IpcMeterNames.HANDLER_DURATION)
			.publishPercentileHistogram()
			.register(simple)
			.record(Duration.ofMillis(3));

		assertThat(withoutHistograms.sinceLastCall()).isNull();
	}

}
