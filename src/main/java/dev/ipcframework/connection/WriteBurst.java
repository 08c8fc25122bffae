package dev.ipcframework.connection;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The send buffers a thread filled while handling a burst of one connection's frames, whose writing waits until
 * the burst ends: a publish to 100 subscribers then wakes 100 writers once per burst rather than once per message,
 * and the replies to a burst of requests go out in one write (the way a NATS server flushes its clients once per
 * read). A burst ends before its thread waits for anything, so nothing is held back for long.
 */
final class WriteBurst {

	private static final ThreadLocal<WriteBurst> CURRENT = new ThreadLocal<>();

	private final List<OutboundQueue> deferred = new ArrayList<>();

	/** What is to run when the burst ends, before its queues are written; made on first use. */
	private @Nullable List<Runnable> beforeWriting;

	private WriteBurst() {
	}

	/** Starts a burst on the calling thread, unless one is already running. */
	static void begin() {
		if (CURRENT.get() == null) {
			CURRENT.set(new WriteBurst());
		}
	}

	/** The calling thread's burst, if it is in one. */
	static @Nullable WriteBurst current() {
		return CURRENT.get();
	}

	/**
	 * Runs {@code action} when the calling thread's burst ends, before its queues are written.
	 * @return whether it will: {@code false}, and not run, when the thread is in no burst
	 */
	static boolean runAtEnd(Runnable action) {
		WriteBurst burst = CURRENT.get();
		if (burst == null) {
			return false;
		}
		if (burst.beforeWriting == null) {
			burst.beforeWriting = new ArrayList<>(2);
		}
		burst.beforeWriting.add(action);
		return true;
	}

	/** A queue whose writing waits for the end of this burst. */
	void defer(OutboundQueue queue) {
		this.deferred.add(queue);
	}

	/**
	 * Ends the calling thread's burst: what was to run at its end runs, then the deferred queues start writing, on
	 * sender threads, except {@code writeHere}, written on this thread (the connection whose frames the burst
	 * handled).
	 */
	static void end(@Nullable OutboundQueue writeHere) {
		WriteBurst burst = CURRENT.get();
		if (burst == null) {
			return;
		}
		CURRENT.remove();
		if (burst.beforeWriting != null) {
			burst.beforeWriting.forEach(Runnable::run);
		}
		boolean ownDeferred = false;
		for (OutboundQueue queue : burst.deferred) {
			if (queue == writeHere) {
				ownDeferred = true;
			}
			else {
				queue.startDeferredDrain();
			}
		}
		if (ownDeferred && writeHere != null) {
			writeHere.flushHere();
		}
	}

}
