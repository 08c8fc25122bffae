package dev.ipcframework.actuate;

import java.util.Locale;

import dev.ipcframework.cluster.RedisHistoryStatistics;
import dev.ipcframework.cluster.RedisHistoryStatistics.Operation;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the channel histories in Redis, as this node saw them: read from what it counted as it went, so that
 * a scrape never waits for Redis.
 */
public class RedisHistoryMeterBinder implements MeterBinder {

	private final RedisHistoryStatistics stats;

	public RedisHistoryMeterBinder(RedisHistoryStatistics stats) {
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(IpcMeterNames.HISTORY_KEPT, this.stats, RedisHistoryStatistics::keptMessages)
			.description("Publishes from this node kept in their channel's history in Redis")
			.register(registry);
		Gauge.builder(IpcMeterNames.HISTORY_CHANNELS, this.stats, RedisHistoryStatistics::channels)
			.description("Channels with a history in Redis, as Redis last told this node for each app")
			.register(registry);
		FunctionCounter.builder(IpcMeterNames.HISTORY_REFUSED, this.stats, RedisHistoryStatistics::refusedMessages)
			.description("Publishes not kept because their app had as many channel histories as it may")
			.register(registry);
		for (Operation operation : Operation.values()) {
			FunctionCounter
				.builder(IpcMeterNames.HISTORY_REDIS_FAILURES, this.stats, (stats) -> stats.failures(operation))
				.description("History operations that found Redis away, failed there, or were not answered in time")
				.tag(IpcMeterNames.TAG_OPERATION, operation.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
	}

}
