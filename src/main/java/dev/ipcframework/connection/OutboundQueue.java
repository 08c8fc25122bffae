package dev.ipcframework.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A connection's bounded send buffer. Callers never block on a slow peer: frames are counted in bytes and written
 * in order by one sender task at a time on a shared pool, everything queued at a wake-up gathered into one write;
 * a frame that does not fit is refused, or makes room by dropping the oldest frames, as the overflow policy says.
 * <p>
 * Above its high watermark (half the limit) the queue is <em>congested</em>: whoever caused the traffic is held
 * back until it drains below the low watermark (a quarter). Bytes count as waiting until their write returns, so
 * the queue also tells how long it has gone without the peer taking anything.
 */
final class OutboundQueue {

	/**
	 * The most bytes gathered into one write: enough to spread a system call over many frames, little enough that
	 * a write to a slowly reading peer still returns often, which is how the queue sees that the peer drains.
	 */
	private static final int MAX_BATCH_BYTES = 256 * 1024;

	private static final int MAX_BATCH_FRAMES = 4096;

	/** Writes before the sender task gives its pool thread to other connections. */
	private static final int WRITES_PER_TURN = 8;

	enum Offer {
		QUEUED, FULL, CLOSED
	}

	/** Told what leaves the queue, to count it. */
	interface Listener {

		/** Frames taken from the queue to be written, once per write. */
		void framesTaken(int frames, long bytes);

		/** Queued frames a close threw away. */
		void framesDiscarded(int frames);

	}

	private final Executor senderPool;

	private final FrameWriter writer;

	private final long limitBytes;

	private final long highWatermark;

	private final long lowWatermark;

	/** How long the peer may take nothing while bytes wait before it counts as stalled. */
	private final Duration stallTimeout;

	private final Deque<byte[]> frames = new ArrayDeque<>();

	/** Queued bytes plus those of the write in progress. */
	private volatile long queuedBytes;

	private boolean draining;

	/** Whether a burst holds this queue's writing back (see {@link WriteBurst}). */
	private boolean deferred;

	private boolean closeWhenFlushed;

	private volatile boolean closed;

	private volatile OverflowPolicy policy = OverflowPolicy.DISCONNECT;

	private int droppedSinceLastOffer;

	private final Listener listener;

	/** When a write last returned, or the queue last began to hold bytes: the start of any wait for the peer. */
	private volatile long progressNanos = System.nanoTime();

	/** When the write in progress began; 0 while none is. */
	private volatile long writeStartedNanos;

	private int drainWaiters;

	OutboundQueue(Executor senderPool, FrameWriter writer, long limitBytes, Duration stallTimeout, Listener listener) {
		this.senderPool = senderPool;
		this.writer = writer;
		this.limitBytes = limitBytes;
		this.highWatermark = limitBytes / 2;
		this.lowWatermark = limitBytes / 4;
		this.stallTimeout = stallTimeout;
		this.listener = listener;
	}

	void policy(OverflowPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Queues a frame; {@code force} queues it past the limit (a last error before closing). A frame that a
	 * connection's traffic caused while the peer still drains may fill up to twice the limit: that connection is held
	 * back from then on, but what it had sent before is still on its way through the server. Within a
	 * {@link WriteBurst} the writing waits for the burst's end.
	 */
	Offer offer(byte[] frame, boolean force) {
		boolean startDrain;
		synchronized (this) {
			if (this.closed || (this.closeWhenFlushed && !force)) {
				return Offer.CLOSED;
			}
			long limit = this.limitBytes;
			if (this.queuedBytes + frame.length > limit && ReadThrottle.hasSource() && !isStalled()) {
				limit = 2 * this.limitBytes;
			}
			// a frame larger than the whole buffer may still go out when nothing else is waiting
			if (!force && this.queuedBytes + frame.length > limit && this.queuedBytes > 0) {
				if (this.policy != OverflowPolicy.DROP_OLDEST) {
					return Offer.FULL;
				}
				while (this.queuedBytes + frame.length > limit && !this.frames.isEmpty()) {
					this.queuedBytes -= this.frames.removeFirst().length;
					this.droppedSinceLastOffer++;
				}
			}
			if (this.queuedBytes == 0) {
				this.progressNanos = System.nanoTime();
			}
			this.frames.addLast(frame);
			this.queuedBytes += frame.length;
			startDrain = !this.draining;
			if (startDrain) {
				WriteBurst burst = WriteBurst.current();
				if (burst != null) {
					startDrain = false;
					if (!this.deferred) {
						this.deferred = true;
						burst.defer(this);
					}
				}
				else {
					this.draining = true;
				}
			}
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

	long queuedBytes() {
		return this.queuedBytes;
	}

	/** Whether more than the high watermark waits to be written. */
	boolean isCongested() {
		return this.queuedBytes > this.highWatermark;
	}

	/** Whether bytes have been waiting for at least the stall timeout without the peer taking any. */
	boolean isStalled() {
		return this.queuedBytes > 0 && System.nanoTime() - this.progressNanos >= this.stallTimeout.toNanos();
	}

	/** Nanoseconds the write in progress has been blocked; 0 when no write is in progress. */
	long writeBlockedNanos(long now) {
		long started = this.writeStartedNanos;
		return (started == 0) ? 0 : Math.max(0, now - started);
	}

	/** Whether no more than the low watermark waits to be written, or the queue closed. */
	synchronized boolean isDrained() {
		return this.closed || this.queuedBytes <= this.lowWatermark;
	}

	/**
	 * Waits until no more than the low watermark waits to be written, the queue closes, or {@code nanos} pass.
	 * @return whether the queue drained (or closed)
	 */
	boolean awaitDrained(long nanos) throws InterruptedException {
		long deadline = System.nanoTime() + nanos;
		synchronized (this) {
			this.drainWaiters++;
			try {
				long remaining;
				while (!this.closed && this.queuedBytes > this.lowWatermark
						&& (remaining = deadline - System.nanoTime()) > 0) {
					TimeUnit.NANOSECONDS.timedWait(this, remaining);
				}
				return isDrained();
			}
			finally {
				this.drainWaiters--;
			}
		}
	}

	/** Writes what a burst deferred on the calling thread, unless a sender task is already at it. */
	void flushHere() {
		if (claimDeferredDrain()) {
			drain();
		}
	}

	/** Starts a sender task for what a burst deferred, unless one is already at it. */
	void startDeferredDrain() {
		if (claimDeferredDrain()) {
			this.senderPool.execute(this::drain);
		}
	}

	/** Ends a burst's hold on the queue; whether the caller is to drain it. */
	private synchronized boolean claimDeferredDrain() {
		this.deferred = false;
		if (this.draining || this.frames.isEmpty()) {
			return false;
		}
		this.draining = true;
		return true;
	}

	/** Closes the transport once every frame queued so far is written; nothing more is accepted meanwhile. */
	void closeAfterFlush() {
		boolean closeNow = false;
		boolean startDrain = false;
		synchronized (this) {
			this.closeWhenFlushed = true;
			if (!this.draining) {
				closeNow = this.frames.isEmpty();
				startDrain = !closeNow;
				this.draining = startDrain;
			}
		}
		if (startDrain) {
			this.senderPool.execute(this::drain);
		}
		else if (closeNow) {
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
			notifyAll();
		}
		this.writer.close();
		if (thrownAway > 0) {
			this.listener.framesDiscarded(thrownAway);
		}
	}

	boolean isClosed() {
		return this.closed;
	}

	private void drain() {
		for (int turn = 0; turn < WRITES_PER_TURN; turn++) {
			List<byte[]> batch;
			long batchBytes = 0;
			synchronized (this) {
				if (this.frames.isEmpty()) {
					this.draining = false;
					if (this.closeWhenFlushed) {
						batch = null;
					}
					else {
						return;
					}
				}
				else {
					batch = new ArrayList<>(Math.min(this.frames.size(), MAX_BATCH_FRAMES));
					while (batchBytes < MAX_BATCH_BYTES && batch.size() < MAX_BATCH_FRAMES && !this.frames.isEmpty()) {
						byte[] frame = this.frames.pollFirst();
						batch.add(frame);
						batchBytes += frame.length;
					}
					this.writeStartedNanos = System.nanoTime();
				}
			}
			if (batch == null) {
				closeNow();
				return;
			}
			// counted before the write, so that a peer that has read a frame finds it counted
			this.listener.framesTaken(batch.size(), batchBytes);
			boolean written = write(batch);
			synchronized (this) {
				this.writeStartedNanos = 0;
				if (!this.closed) {
					this.queuedBytes -= batchBytes;
				}
				this.progressNanos = System.nanoTime();
				if (this.drainWaiters > 0 && this.queuedBytes <= this.lowWatermark) {
					notifyAll();
				}
			}
			if (!written) {
				closeNow();
				return;
			}
		}
		this.senderPool.execute(this::drain);
	}

	private boolean write(List<byte[]> batch) {
		if (this.closed) {
			return false;
		}
		try {
			this.writer.write(batch);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
