package dev.ipcframework.transport.tcp;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts one TCP connection's frames back in stream order. Spring Integration's NIO connection may assemble the next
 * frame on a second thread while the first is still being handed over, so consecutive frames can reach the flow
 * in either order; the mapper numbers them in stream order, and this releases them by that number.
 */
final class FrameResequencer {

	private final Consumer<byte[]> downstream;

	private final Map<Long, byte[]> early = new TreeMap<>();

	private long next = 1;

	FrameResequencer(Consumer<byte[]> downstream) {
		this.downstream = downstream;
	}

	/** Accepts frame number {@code sequence}; releases it and any frames it was holding up, in order. */
	synchronized void accept(long sequence, byte[] frame) {
		if (sequence != this.next) {
			this.early.put(sequence, frame);
			return;
		}
		this.downstream.accept(frame);
		this.next++;
		byte[] waiting;
		while ((waiting = this.early.remove(this.next)) != null) {
			this.downstream.accept(waiting);
			this.next++;
		}
	}

}
