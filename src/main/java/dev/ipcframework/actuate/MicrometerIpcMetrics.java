package dev.ipcframework.actuate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
 * Records the tagged meters into one registry. Meters are looked up once per tag combination and kept, so the
 * hot path is a map lookup and an add. With the channel tag, only the first {@code maxChannelTags} channel names
 * get meters (as the registry's filter allows no more): clients choose channel names, and neither the registry nor
 * the maps here may grow with every name.
 */
class MicrometerIpcMetrics implements IpcMetricsListener {

	private record MessageKey(String appId, String channelId, MessageType type) {
	}

	private record BytesKey(String appId, Transport transport) {
	}

	private record HandlerKey(String appId, String channelId, MessageType type, boolean succeeded) {
	}

	private final MeterRegistry registry;

	private final boolean channelTag;

	private final Map<MessageKey, Counter> received = new ConcurrentHashMap<>();

	private final Map<MessageKey, Counter> sent = new ConcurrentHashMap<>();

	private final Map<BytesKey, Counter> receivedBytes = new ConcurrentHashMap<>();

	private final Map<BytesKey, Counter> sentBytes = new ConcurrentHashMap<>();

	private final Map<HandlerKey, Timer> handlerTimers = new ConcurrentHashMap<>();

	private final int maxChannelTags;

	private final Set<String> taggedChannels = ConcurrentHashMap.newKeySet();

	MicrometerIpcMetrics(MeterRegistry registry, boolean channelTag, int maxChannelTags) {
		this.registry = registry;
		this.channelTag = channelTag;
		this.maxChannelTags = maxChannelTags;
	}

	@Override
	public void messageReceived(String appId, String channelId, MessageType type) {
		String channel = channelTag(channelId);
		if (channel == null) {
			return;
		}
		messageCounter(this.received, MESSAGES_RECEIVED, "Messages received from clients", appId, channel, type)
			.increment();
	}

	@Override
	public void messagesSent(String appId, String channelId, MessageType type, int count) {
		String channel = channelTag(channelId);
		if (channel == null) {
			return;
		}
		messageCounter(this.sent, MESSAGES_SENT, "Messages queued to clients, a publish once per subscriber", appId,
				channel, type)
			.increment(count);
	}

	@Override
	public void bytesReceived(String appId, Transport transport, int bytes) {
		bytesCounter(this.receivedBytes, RECEIVED_BYTES, "Frame bytes received from clients", appId, transport)
			.increment(bytes);
	}

	@Override
	public void bytesSent(String appId, Transport transport, long bytes) {
		bytesCounter(this.sentBytes, SENT_BYTES, "Frame bytes written to clients", appId, transport).increment(bytes);
	}

	@Override
	public void handlerCompleted(String appId, String channelId, MessageType type, long nanos, boolean succeeded) {
		String channel = channelTag(channelId);
		if (channel == null) {
			return;
		}
		HandlerKey key = new HandlerKey(appId, channel, type, succeeded);
		Timer timer = this.handlerTimers.get(key);
		if (timer == null) {
			timer = this.handlerTimers.computeIfAbsent(key, (k) -> Timer.builder(HANDLER_DURATION)
				.description("Time from calling an @IpcHandler until its result is complete")
				.tags(channelTags(k.appId(), k.channelId()))
				.tag(TAG_TYPE, k.type().wireName())
				.tag(TAG_OUTCOME, k.succeeded() ? "success" : "error")
				.publishPercentileHistogram()
				.register(this.registry));
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	private Counter messageCounter(Map<MessageKey, Counter> counters, String name, String description, String appId,
			String channelId, MessageType type) {
		MessageKey key = new MessageKey(appId, channelId, type);
		Counter counter = counters.get(key);
		if (counter != null) {
			return counter;
		}
		return counters.computeIfAbsent(key, (k) -> Counter.builder(name)
			.description(description)
			.tags(channelTags(k.appId(), k.channelId()))
			.tag(TAG_TYPE, k.type().wireName())
			.register(this.registry));
	}

	private Counter bytesCounter(Map<BytesKey, Counter> counters, String name, String description, String appId,
			Transport transport) {
		BytesKey key = new BytesKey(appId, transport);
		Counter counter = counters.get(key);
		if (counter != null) {
			return counter;
		}
		return counters.computeIfAbsent(key, (k) -> Counter.builder(name)
			.description(description)
			.baseUnit(BaseUnits.BYTES)
			.tag(TAG_APP, k.appId())
			.tag(TAG_TRANSPORT, IpcMeterBinder.transportTag(k.transport()))
			.register(this.registry));
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

}
