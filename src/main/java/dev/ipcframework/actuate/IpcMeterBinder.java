package dev.ipcframework.actuate;

import java.util.Locale;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.stats.StatisticsCollector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import static dev.ipcframework.actuate.IpcMeterNames.CONNECTIONS_ACTIVE;
import static dev.ipcframework.actuate.IpcMeterNames.CONNECTIONS_CLOSED;
import static dev.ipcframework.actuate.IpcMeterNames.CONNECTIONS_OPENED;
import static dev.ipcframework.actuate.IpcMeterNames.ERRORS;
import static dev.ipcframework.actuate.IpcMeterNames.MESSAGES_DROPPED;
import static dev.ipcframework.actuate.IpcMeterNames.PUBLISHES_DELIVERED;
import static dev.ipcframework.actuate.IpcMeterNames.SLOW_CONSUMERS;
import static dev.ipcframework.actuate.IpcMeterNames.TAG_CODE;
import static dev.ipcframework.actuate.IpcMeterNames.TAG_TRANSPORT;

/**
 * Binds the server's meters to a registry. Figures the {@link StatisticsCollector} already counts are read from it
 * (function counters and gauges, no second count); figures tagged by app, channel or type are recorded as they
 * happen by a {@link MicrometerIpcMetrics} listener added to the collector for each registry.
 */
public class IpcMeterBinder implements MeterBinder {

	private final StatisticsCollector stats;

	private final boolean channelTag;

	private final int maxChannelTags;

	/**
	 * @param channelTag whether message and handler meters are tagged with the channel
	 * @param maxChannelTags the most channel tag values; messages on further channels are not metered per channel
	 */
	public IpcMeterBinder(StatisticsCollector stats, boolean channelTag, int maxChannelTags) {
		this.stats = stats;
		this.channelTag = channelTag;
		this.maxChannelTags = maxChannelTags;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (Transport transport : Transport.values()) {
			String tag = transportTag(transport);
			Gauge.builder(CONNECTIONS_ACTIVE, this.stats, (stats) -> stats.activeConnections(transport))
				.description("Connections open now, handshake done or not")
				.tag(TAG_TRANSPORT, tag)
				.register(registry);
			FunctionCounter.builder(CONNECTIONS_OPENED, this.stats, (stats) -> stats.connectionsOpened(transport))
				.description("Connections accepted")
				.tag(TAG_TRANSPORT, tag)
				.register(registry);
			FunctionCounter.builder(CONNECTIONS_CLOSED, this.stats, (stats) -> stats.connectionsClosed(transport))
				.description("Connections closed, by either side")
				.tag(TAG_TRANSPORT, tag)
				.register(registry);
			FunctionCounter.builder(SLOW_CONSUMERS, this.stats, (stats) -> stats.slowConsumersClosed(transport))
				.description("Connections closed because their send buffer filled")
				.tag(TAG_TRANSPORT, tag)
				.register(registry);
		}
		for (IpcErrorCode code : IpcErrorCode.values()) {
			FunctionCounter.builder(ERRORS, this.stats, (stats) -> stats.errors(code))
				.description("Errors sent to clients")
				.tag(TAG_CODE, code.name())
				.register(registry);
		}
		FunctionCounter.builder(PUBLISHES_DELIVERED, this.stats, StatisticsCollector::publishesDelivered)
			.description("Publishes queued to subscribers, one per subscriber")
			.register(registry);
		FunctionCounter.builder(MESSAGES_DROPPED, this.stats, StatisticsCollector::messagesDropped)
			.description("Messages accepted but never delivered")
			.register(registry);
		this.stats.addListener(new MicrometerIpcMetrics(registry, this.channelTag, this.maxChannelTags));
	}

	static String transportTag(Transport transport) {
		return transport.name().toLowerCase(Locale.ROOT);
	}

}
