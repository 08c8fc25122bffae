package dev.ipcframework.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs its tasks one at a time, in submission order, on a shared pool. Gives each connection its own ordering
 * without a thread of its own; after a batch it yields the pool thread so that a busy connection cannot starve
 * the others.
 */
public final class SerialExecutor implements Executor {

	private static final Log logger = LogFactory.getLog(SerialExecutor.class);

	private static final int BATCH = 64;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean scheduled = new AtomicBoolean();

	private final Executor pool;

	private final AtomicInteger pending = new AtomicInteger();

	/** A thread waiting for the backlog to shrink (see {@link #awaitPendingAtMost}). */
	private volatile @Nullable Thread waiter;

	private volatile int resumeAt;

	public SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	@Override
	public void execute(Runnable task) {
		this.pending.incrementAndGet();
		this.tasks.add(task);
		schedule();
	}

	/**
	 * Runs the task on the calling thread when none of this executor's tasks is running or waiting, else queues it
	 * behind them: in submission order either way, one at a time. For a caller that reads the connection on a thread
	 * of its own, so that a frame is handled without being handed to another thread.
	 */
	public void executeHere(Runnable task) {
		this.pending.incrementAndGet();
		this.tasks.add(task);
		if (this.scheduled.compareAndSet(false, true)) {
			runBatch();
		}
	}

	/** Tasks waiting to run. */
	public int pending() {
		return this.pending.get();
	}

	/**
	 * Blocks the calling thread while more than {@code limit} tasks wait, or until {@code nanos} pass; one thread
	 * at a time (the transport's reader of this connection).
	 * @return whether the backlog is within the limit
	 */
	public boolean awaitPendingAtMost(int limit, long nanos) {
		if (this.pending.get() <= limit) {
			return true;
		}
		long deadline = System.nanoTime() + nanos;
		this.resumeAt = limit;
		this.waiter = Thread.currentThread();
		try {
			long remaining;
			while (this.pending.get() > limit && (remaining = deadline - System.nanoTime()) > 0
					&& !Thread.currentThread().isInterrupted()) {
				LockSupport.parkNanos(this, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(50)));
			}
		}
		finally {
			this.waiter = null;
		}
		return this.pending.get() <= limit;
	}

	private void taskDone() {
		int left = this.pending.decrementAndGet();
		Thread waiting = this.waiter;
		if (waiting != null && left <= this.resumeAt) {
			LockSupport.unpark(waiting);
		}
	}

	private void schedule() {
		if (this.scheduled.compareAndSet(false, true)) {
			this.pool.execute(this::runBatch);
		}
	}

	private void runBatch() {
		try {
			Runnable task;
			for (int i = 0; i < BATCH && (task = this.tasks.poll()) != null; i++) {
				try {
					task.run();
				}
				catch (RuntimeException | Error ex) {
					logger.error("Task failed on a connection's ordered executor", ex);
				}
				finally {
					taskDone();
				}
			}
		}
		finally {
			this.scheduled.set(false);
			if (!this.tasks.isEmpty()) {
				schedule();
			}
		}
	}

}
