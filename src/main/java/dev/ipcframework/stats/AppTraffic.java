package dev.ipcframework.stats;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.ipcframework.protocol.MessageType;

/**
 * The live counters behind one application's {@link AppStatistics}.
 */
final class AppTraffic {

	private final Map<MessageType, LongAdder> received = Counters.of(MessageType.class);

	private final Map<MessageType, LongAdder> sent = Counters.of(MessageType.class);

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private volatile long lastActivityMillis;

	void received(MessageType type, int count) {
		this.received.get(type).add(count);
	}

	void sent(MessageType type, int count) {
		this.sent.get(type).add(count);
	}

	void bytesReceived(long bytes) {
		this.bytesReceived.add(bytes);
		this.lastActivityMillis = System.currentTimeMillis();
	}

	void bytesSent(long bytes) {
		this.bytesSent.add(bytes);
		this.lastActivityMillis = System.currentTimeMillis();
	}

	AppStatistics snapshot() {
		long last = this.lastActivityMillis;
		return new AppStatistics(Counters.sums(this.received), Counters.sums(this.sent), this.bytesReceived.sum(),
				this.bytesSent.sum(), (last != 0) ? Instant.ofEpochMilli(last) : null);
	}

}
