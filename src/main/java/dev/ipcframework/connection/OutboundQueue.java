package dev.ipcframework.connection;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection's bounded send buffer. Callers never block on a slow peer: frames are counted in bytes and written
 * in order by one sender task at a time; a frame that would take the buffer past its limit is refused.
 */
final class OutboundQueue {

	private final SerialExecutor sender;

	private final FrameWriter writer;

	private final long limitBytes;

	private final AtomicLong queuedBytes = new AtomicLong();

	private volatile boolean closed;

	OutboundQueue(Executor senderPool, FrameWriter writer, long limitBytes) {
		this.sender = new SerialExecutor(senderPool);
		this.writer = writer;
		this.limitBytes = limitBytes;
	}

	/** @return {@code false} when closed, or when the frame does not fit in the buffer */
	boolean offer(byte[] frame) {
		if (this.closed) {
			return false;
		}
		long queued = this.queuedBytes.addAndGet(frame.length);
		// a frame larger than the whole buffer may still go out when nothing else is waiting
		if (queued > this.limitBytes && queued != frame.length) {
			this.queuedBytes.addAndGet(-frame.length);
			return false;
		}
		this.sender.execute(() -> write(frame));
		return true;
	}

	long queuedBytes() {
		return this.queuedBytes.get();
	}

	/** Closes the transport once every frame queued so far is written. */
	void closeAfterFlush() {
		this.sender.execute(this::closeNow);
	}

	void closeNow() {
		if (!this.closed) {
			this.closed = true;
			this.writer.close();
		}
	}

	boolean isClosed() {
		return this.closed;
	}

	private void write(byte[] frame) {
		this.queuedBytes.addAndGet(-frame.length);
		if (this.closed) {
			return;
		}
		try {
			this.writer.write(frame);
		}
		catch (IOException | RuntimeException ex) {
			closeNow();
		}
	}

}
