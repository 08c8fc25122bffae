package dev.ipcframework.actuate;

import dev.ipcframework.history.HistoryFootprint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of what the in-memory channel history holds, read from its footprint.
 */
public class HistoryMeterBinder implements MeterBinder {

	private final HistoryFootprint footprint;

	public HistoryMeterBinder(HistoryFootprint footprint) {
		this.footprint = footprint;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(IpcMeterNames.HISTORY_MESSAGES, this.footprint, HistoryFootprint::messages)
			.description("Publishes kept in channel histories now")
			.register(registry);
		Gauge.builder(IpcMeterNames.HISTORY_BYTES, this.footprint, HistoryFootprint::bytes)
			.description("Bytes of the publishes kept in channel histories now")
			.baseUnit("bytes")
			.register(registry);
		Gauge.builder(IpcMeterNames.HISTORY_CHANNELS, this.footprint, HistoryFootprint::channels)
			.description("Channels with a history now")
			.register(registry);
		FunctionCounter.builder(IpcMeterNames.HISTORY_REFUSED, this.footprint, HistoryFootprint::refusedMessages)
			.description("Publishes not kept because their app had as many channel histories as it may")
			.register(registry);
	}

}
