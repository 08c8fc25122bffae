package dev.ipcframework.connection;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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

	public SerialExecutor(Executor pool) {
		this.pool = pool;
	}

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
		schedule();
	}

	/** Tasks waiting to run. */
	public int pending() {
		return this.tasks.size();
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
