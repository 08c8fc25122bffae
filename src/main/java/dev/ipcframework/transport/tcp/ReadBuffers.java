package dev.ipcframework.transport.tcp;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The buffers NIO connections read into, lent for one read each: as many exist as reads run at once (up to a
 * bound kept for reuse), not one per connection.
 */
final class ReadBuffers {

	/** Large enough that a busy connection's burst of frames comes in with one system call. */
	private static final int BUFFER_BYTES = 64 * 1024;

	private static final int KEPT = 32;

	private static final BlockingQueue<ByteBuffer> idle = new ArrayBlockingQueue<>(KEPT);

	private ReadBuffers() {
	}

	static ByteBuffer take() {
		ByteBuffer buffer = idle.poll();
		return (buffer != null) ? buffer : ByteBuffer.allocate(BUFFER_BYTES);
	}

	static void give(ByteBuffer buffer) {
		buffer.clear();
		idle.offer(buffer);
	}

}
