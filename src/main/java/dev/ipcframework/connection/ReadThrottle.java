package dev.ipcframework.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What holds back the reading of one connection: its own backlog of frames not yet handled, and the send buffers
 * of other connections (or its own) that its frames filled past their high watermark. The transport's reading
 * thread waits here before it reads on; a connection that is not read fills its socket, and its peer slows down.
 * Server code that sends from outside any connection's handling is held back the same way (see
 * {@link PacedSending}), with no backlog of its own.
 */
final class ReadThrottle {

	/** Frames received and not yet handled beyond which the connection is not read. */
	private static final int INBOUND_WINDOW = 64;

	/** How long the reader waits at a time before it checks again that the connection is open, or a queue drains. */
	private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** The throttle of the connection whose frame the current thread is handling: the one its traffic holds back. */
	private static final ThreadLocal<ReadThrottle> SOURCE = new ThreadLocal<>();

	private final @Nullable SerialExecutor inbound;

	private @Nullable List<OutboundQueue> congested;

	/** @param inbound the connection's frames waiting to be handled; {@code null} for server code */
	ReadThrottle(@Nullable SerialExecutor inbound) {
		this.inbound = inbound;
	}

	/** Runs the handling of one of this connection's frames, as the source of whatever it sends. */
	void runAsSource(Runnable handling) {
		ReadThrottle previous = SOURCE.get();
		SOURCE.set(this);
		try {
			handling.run();
		}
		finally {
			if (previous == null) {
				SOURCE.remove();
			}
			else {
				SOURCE.set(previous);
			}
		}
	}

	/**
	 * A send buffer filled past its watermark: it holds back the connection whose frame the current thread is
	 * handling, if any, unless the buffer's peer has stalled.
	 */
	static void congestedBySource(OutboundQueue queue) {
		ReadThrottle source = SOURCE.get();
		if (source != null && !queue.isStalled()) {
			source.add(queue);
		}
	}

	/** Whether the current thread handles a connection's frame, which what it sends holds back when congested. */
	static boolean hasSource() {
		return SOURCE.get() != null;
	}

	/** Whether {@link #await} would wait: too many frames wait to be handled, or a send buffer is congested. */
	synchronized boolean mustWait() {
		return backlogged() || (this.congested != null && !this.congested.isEmpty());
	}

	private boolean backlogged() {
		return this.inbound != null && this.inbound.pending() > INBOUND_WINDOW;
	}

	/**
	 * Waits while more than a window of frames wait to be handled, and while a congested send buffer drains, until
	 * it is below its low watermark; a buffer whose peer takes nothing for the stall timeout is waited for no
	 * longer. Returns early when {@code open} turns false or the thread is interrupted.
	 */
	void await(BooleanSupplier open) {
		SerialExecutor inbound = this.inbound;
		while (inbound != null && open.getAsBoolean() && !Thread.currentThread().isInterrupted()
				&& !inbound.awaitPendingAtMost(INBOUND_WINDOW, CHECK_NANOS)) {
			// checks again whether the connection is still open
		}
		awaitCongested(open, Long.MAX_VALUE);
	}

	/**
	 * Waits while a congested send buffer drains, until it is below its low watermark, stalls, or {@code open}
	 * turns false, for at most {@code maxNanos} in all.
	 * @return whether every congested buffer drained or stalled in time
	 */
	boolean awaitCongested(BooleanSupplier open, long maxNanos) {
		long start = System.nanoTime();
		OutboundQueue queue;
		while ((queue = next()) != null) {
			try {
				while (open.getAsBoolean() && !queue.isStalled()) {
					long remaining = maxNanos - (System.nanoTime() - start);
					if (remaining <= 0) {
						return false;
					}
					if (queue.awaitDrained(Math.min(CHECK_NANOS, remaining))) {
						break;
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the connection may be read again now, for a transport that stops reading without waiting: no more
	 * than a window of frames wait to be handled, and every congested send buffer has drained below its low
	 * watermark or stalled.
	 */
	synchronized boolean mayReadOn() {
		if (backlogged()) {
			return false;
		}
		if (this.congested != null) {
			this.congested.removeIf((queue) -> queue.isDrained() || queue.isStalled());
		}
		return this.congested == null || this.congested.isEmpty();
	}

	private synchronized void add(OutboundQueue queue) {
		if (this.congested == null) {
			this.congested = new ArrayList<>(2);
		}
		if (!this.congested.contains(queue)) {
			this.congested.add(queue);
		}
	}

	private synchronized @Nullable OutboundQueue next() {
		if (this.congested == null || this.congested.isEmpty()) {
			return null;
		}
		return this.congested.remove(this.congested.size() - 1);
	}

}
