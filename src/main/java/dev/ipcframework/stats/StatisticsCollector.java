package dev.ipcframework.stats;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.MessageType;

/**
 * Counts what passes through the server. Contention-free on the hot path ({@link LongAdder}); read through
 * {@link #snapshot()}.
 */
public class StatisticsCollector {

	private final Map<Transport, LongAdder> opened = counters(Transport.class);

	private final Map<Transport, LongAdder> closed = counters(Transport.class);

	private final Map<MessageType, LongAdder> received = counters(MessageType.class);

	private final Map<MessageType, LongAdder> sent = counters(MessageType.class);

	private final Map<IpcErrorCode, LongAdder> errors = counters(IpcErrorCode.class);

	private final LongAdder delivered = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	public void connectionOpened(Transport transport) {
		this.opened.get(transport).increment();
	}

	public void connectionClosed(Transport transport) {
		this.closed.get(transport).increment();
	}

	public void received(MessageType type) {
		this.received.get(type).increment();
	}

	public void sent(MessageType type, int count) {
		this.sent.get(type).add(count);
	}

	public void error(IpcErrorCode code) {
		this.errors.get(code).increment();
	}

	/** Publishes handed to subscribers (one per subscriber). */
	public void delivered(int subscribers) {
		this.delivered.add(subscribers);
	}

	/** Messages accepted but not delivered (unsolicited responses, full send buffers). */
	public void dropped() {
		this.dropped.increment();
	}

	public IpcStatistics snapshot() {
		return new IpcStatistics(sums(this.opened), sums(this.closed), sums(this.received), sums(this.sent),
				sums(this.errors), this.delivered.sum(), this.dropped.sum());
	}

	private static <K extends Enum<K>> Map<K, LongAdder> counters(Class<K> keys) {
		Map<K, LongAdder> map = new EnumMap<>(keys);
		for (K key : keys.getEnumConstants()) {
			map.put(key, new LongAdder());
		}
		return map;
	}

	private static <K extends Enum<K>> Map<K, Long> sums(Map<K, LongAdder> counters) {
		Map<K, Long> sums = new EnumMap<>(counters.keySet().iterator().next().getDeclaringClass());
		counters.forEach((key, counter) -> sums.put(key, counter.sum()));
		return sums;
	}

}
