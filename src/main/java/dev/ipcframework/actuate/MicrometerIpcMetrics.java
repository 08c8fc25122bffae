package dev.ipcframework.actuate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.stats.IpcMetricsListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

import static dev.ipcframework.actuate.IpcMeterNames.HANDLER_DURATION;
import static dev.ipcframework.actuate.IpcMeterNames.MESSAGES_RECEIVED;
import static dev.ipcframework.actuate.IpcMeterNames.MESSAGES_SENT;
import static dev.ipcframework.actuate.IpcMeterNames.RECEIVED_BYTES;
import static dev.ipcframework.actuate.IpcMeterNames.SENT_BYTES;
import static dev.ipcframework.actuate.IpcMeterNames.TAG_APP;
import static dev.ipcframework.actuate.IpcMeterNames.TAG_CHANNEL;
import static dev.ipcframework.actuate.IpcMeterNames.TAG_OUTCOME;
import static dev.ipcframework.actuate.IpcMeterNames.TAG_TRANSPORT;
import static dev.ipcframework.actuate.IpcMeterNames.TAG_TYPE;

/**
 * Records the tagged meters into one registry. Meters are registered once per tag combination and kept, by app, then
 * channel, then in arrays by message type or transport: the hot path is two lookups by strings (whose hashes are
 * cached), an array read and an add, with nothing allocated. With the channel tag, only the first
 * {@code maxChannelTags} channel names get meters (as the registry's filter allows no more): clients choose channel
 * names, and neither the registry nor the maps here may grow with every name.
 */
class MicrometerIpcMetrics implements IpcMetricsListener {

	private static final int TYPES = MessageType.values().length;

	private static final int TRANSPORTS = Transport.values().length;

	private final MeterRegistry registry;

	private final boolean channelTag;

	private final Map<String, AppMeters> apps = new ConcurrentHashMap<>();

	private final int maxChannelTags;

	private final Set<String> taggedChannels = ConcurrentHashMap.newKeySet();

	MicrometerIpcMetrics(MeterRegistry registry, boolean channelTag, int maxChannelTags) {
		this.registry = registry;
		this.channelTag = channelTag;
		this.maxChannelTags = maxChannelTags;
	}

	@Override
	public void messagesReceived(String appId, String channelId, MessageType type, int count) {
		ChannelMeters channel = channel(appId, channelId);
		if (channel != null) {
			meter(channel.received, type.ordinal(), () -> Counter.builder(MESSAGES_RECEIVED)
				.description("Messages received from clients")
				.tags(channelTags(appId, channel.tag))
				.tag(TAG_TYPE, type.wireName())
				.register(this.registry)).increment(count);
		}
	}

	@Override
	public void messagesSent(String appId, String channelId, MessageType type, int count) {
		ChannelMeters channel = channel(appId, channelId);
		if (channel != null) {
			meter(channel.sent, type.ordinal(), () -> Counter.builder(MESSAGES_SENT)
				.description("Messages queued to clients, a publish once per subscriber")
				.tags(channelTags(appId, channel.tag))
				.tag(TAG_TYPE, type.wireName())
				.register(this.registry)).increment(count);
		}
	}

	@Override
	public void bytesReceived(String appId, Transport transport, long bytes) {
		meter(app(appId).receivedBytes, transport.ordinal(),
				() -> bytesCounter(RECEIVED_BYTES, "Frame bytes received from clients", appId, transport))
			.increment(bytes);
	}

	@Override
	public void bytesSent(String appId, Transport transport, long bytes) {
		meter(app(appId).sentBytes, transport.ordinal(),
				() -> bytesCounter(SENT_BYTES, "Frame bytes written to clients", appId, transport))
			.increment(bytes);
	}

	@Override
	public void handlerCompleted(String appId, String channelId, MessageType type, long nanos, boolean succeeded) {
		ChannelMeters channel = channel(appId, channelId);
		if (channel == null) {
			return;
		}
		int slot = type.ordinal() * 2 + (succeeded ? 1 : 0);
		meter(channel.handlers, slot, () -> Timer.builder(HANDLER_DURATION)
			.description("Time from calling an @IpcHandler until its result is complete")
			.tags(channelTags(appId, channel.tag))
			.tag(TAG_TYPE, type.wireName())
			.tag(TAG_OUTCOME, succeeded ? "success" : "error")
			.publishPercentileHistogram()
			.register(this.registry)).record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * The meter in a slot, registered on first use. Two threads may both register it: the registry hands both the
	 * same meter.
	 */
	private static <M> M meter(AtomicReferenceArray<M> meters, int slot, Supplier<M> register) {
		M meter = meters.get(slot);
		if (meter == null) {
			meter = register.get();
			meters.set(slot, meter);
		}
		return meter;
	}

	private Counter bytesCounter(String name, String description, String appId, Transport transport) {
		return Counter.builder(name)
			.description(description)
			.baseUnit(BaseUnits.BYTES)
			.tag(TAG_APP, appId)
			.tag(TAG_TRANSPORT, IpcMeterBinder.transportTag(transport))
			.register(this.registry);
	}

	private AppMeters app(String appId) {
		AppMeters app = this.apps.get(appId);
		return (app != null) ? app : this.apps.computeIfAbsent(appId, (id) -> new AppMeters());
	}

	/** The meters of a channel (of all channels without the channel tag); {@code null} for a channel past the cap. */
	private @Nullable ChannelMeters channel(String appId, String channelId) {
		String tag = channelTag(channelId);
		if (tag == null) {
			return null;
		}
		Map<String, ChannelMeters> channels = app(appId).channels;
		ChannelMeters channel = channels.get(tag);
		return (channel != null) ? channel : channels.computeIfAbsent(tag, ChannelMeters::new);
	}

	/** The channel's tag value: empty without the channel tag, {@code null} for a channel past the cap. */
	private @Nullable String channelTag(String channelId) {
		if (!this.channelTag) {
			return "";
		}
		if (this.taggedChannels.contains(channelId)) {
			return channelId;
		}
		synchronized (this.taggedChannels) {
			if (this.taggedChannels.size() < this.maxChannelTags) {
				this.taggedChannels.add(channelId);
				return channelId;
			}
		}
		return null;
	}

	private Tags channelTags(String appId, String channelId) {
		return this.channelTag ? Tags.of(TAG_APP, appId, TAG_CHANNEL, channelId) : Tags.of(TAG_APP, appId);
	}

	/** One app's byte counters by transport, and its channels' meters by channel tag. */
	private static final class AppMeters {

		final AtomicReferenceArray<Counter> receivedBytes = new AtomicReferenceArray<>(TRANSPORTS);

		final AtomicReferenceArray<Counter> sentBytes = new AtomicReferenceArray<>(TRANSPORTS);

		final Map<String, ChannelMeters> channels = new ConcurrentHashMap<>();

	}

	/** One channel tag's message counters by type, and handler timers by type and outcome. */
	private static final class ChannelMeters {

		final String tag;

		final AtomicReferenceArray<Counter> received = new AtomicReferenceArray<>(TYPES);

		final AtomicReferenceArray<Counter> sent = new AtomicReferenceArray<>(TYPES);

		final AtomicReferenceArray<Timer> handlers = new AtomicReferenceArray<>(TYPES * 2);

		ChannelMeters(String tag) {
			this.tag = tag;
		}

	}

}
