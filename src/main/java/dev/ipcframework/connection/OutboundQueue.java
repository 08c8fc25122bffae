package dev.ipcframework.connection;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * A connection's bounded send buffer. Callers never block on a slow peer: frames are counted in bytes and written
 * in order by one sender task at a time on a shared pool; a frame that does not fit is refused, or makes room by
 * dropping the oldest frames, as the overflow policy says.
 */
final class OutboundQueue {

	/** Frames written before the sender task yields its pool thread to other connections. */
	private static final int BATCH = 64;

	enum Offer {
		QUEUED, FULL, CLOSED
	}

	private final Executor senderPool;

	private final FrameWriter writer;

	private final long limitBytes;

	private final Deque<byte[]> frames = new ArrayDeque<>();

	private long queuedBytes;

	private boolean draining;

	private boolean closeWhenFlushed;

	private volatile boolean closed;

	private volatile OverflowPolicy policy = OverflowPolicy.DISCONNECT;

	private int droppedSinceLastOffer;

	private final IntConsumer discarded;

	/** @param discarded told how many queued frames a close threw away, so that they are counted */
	OutboundQueue(Executor senderPool, FrameWriter writer, long limitBytes, IntConsumer discarded) {
		this.senderPool = senderPool;
		this.writer = writer;
		this.limitBytes = limitBytes;
		this.discarded = discarded;
	}

	void policy(OverflowPolicy policy) {
		this.policy = policy;
	}

	/** Queues a frame; {@code force} queues it past the limit (a last error before closing). */
	Offer offer(byte[] frame, boolean force) {
		boolean startDrain;
		synchronized (this) {
			if (this.closed || (this.closeWhenFlushed && !force)) {
				return Offer.CLOSED;
			}
			// a frame larger than the whole buffer may still go out when nothing else is waiting
			if (!force && this.queuedBytes + frame.length > this.limitBytes && !this.frames.isEmpty()) {
				if (this.policy != OverflowPolicy.DROP_OLDEST) {
					return Offer.FULL;
				}
				while (this.queuedBytes + frame.length > this.limitBytes && !this.frames.isEmpty()) {
					this.queuedBytes -= this.frames.removeFirst().length;
					this.droppedSinceLastOffer++;
				}
			}
			this.frames.addLast(frame);
			this.queuedBytes += frame.length;
			startDrain = !this.draining;
			this.draining = true;
		}
		if (startDrain) {
			this.senderPool.execute(this::drain);
		}
		return Offer.QUEUED;
	}

	/** Frames dropped to make room since the last call. */
	synchronized int takeDroppedCount() {
		int dropped = this.droppedSinceLastOffer;
		this.droppedSinceLastOffer = 0;
		return dropped;
	}

	synchronized long queuedBytes() {
		return this.queuedBytes;
	}

	/** Closes the transport once every frame queued so far is written; nothing more is accepted meanwhile. */
	void closeAfterFlush() {
		boolean closeNow;
		synchronized (this) {
			this.closeWhenFlushed = true;
			closeNow = !this.draining;
		}
		if (closeNow) {
			closeNow();
		}
	}

	/** Closes at once, discarding (and reporting) what is queued. */
	void closeNow() {
		int thrownAway;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			thrownAway = this.frames.size();
			this.frames.clear();
			this.queuedBytes = 0;
		}
		this.writer.close();
		if (thrownAway > 0) {
			this.discarded.accept(thrownAway);
		}
	}

	boolean isClosed() {
		return this.closed;
	}

	private void drain() {
		for (int written = 0; written < BATCH; written++) {
			byte[] frame;
			boolean closeNow = false;
			synchronized (this) {
				frame = this.frames.pollFirst();
				if (frame == null) {
					this.draining = false;
					closeNow = this.closeWhenFlushed;
				}
				else {
					this.queuedBytes -= frame.length;
				}
			}
			if (frame == null) {
				if (closeNow) {
					closeNow();
				}
				return;
			}
			if (!write(frame)) {
				closeNow();
				return;
			}
		}
		this.senderPool.execute(this::drain);
	}

	private boolean write(byte[] frame) {
		if (this.closed) {
			return false;
		}
		try {
			this.writer.write(frame);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
