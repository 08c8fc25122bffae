package dev.ipcframework.connection;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one connection has received and been sent so far, for the Actuator report. Updated by the statistics
 * collector; contention-free on the hot path.
 */
public final class ConnectionTraffic {

	private final LongAdder messagesIn = new LongAdder();

	private final LongAdder bytesIn = new LongAdder();

	private final LongAdder messagesOut = new LongAdder();

	private final LongAdder bytesOut = new LongAdder();

	private volatile long lastActivityMillis = System.currentTimeMillis();

	/** One frame of {@code bytes} arrived. */
	public void frameIn(int bytes) {
		this.bytesIn.add(bytes);
		touch();
	}

	/** One frame decoded into a message. */
	public void messageIn() {
		this.messagesIn.increment();
	}

	/** Frames of {@code bytes} in all taken from the send buffer to be written. */
	public void framesOut(int frames, long bytes) {
		this.messagesOut.add(frames);
		this.bytesOut.add(bytes);
		touch();
	}

	public long messagesIn() {
		return this.messagesIn.sum();
	}

	public long bytesIn() {
		return this.bytesIn.sum();
	}

	public long messagesOut() {
		return this.messagesOut.sum();
	}

	public long bytesOut() {
		return this.bytesOut.sum();
	}

	public Instant lastActivity() {
		return Instant.ofEpochMilli(this.lastActivityMillis);
	}

	private void touch() {
		this.lastActivityMillis = System.currentTimeMillis();
	}

}
