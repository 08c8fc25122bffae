package dev.ipcframework.transport.websocket;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * Tomcat's request thread pool, built the way Tomcat builds its own (and resized by the connector's settings the
 * same way), whose threads mark each socket task they run as a {@link ContainerReads}.
 */
final class ReadingThreadPool extends ThreadPoolExecutor {

	/** Tomcat's default for how long a thread beyond the spare ones may idle. */
	private static final long MAX_IDLE_MILLIS = 60_000;

	/** Tasks handling WebSocket messages right now. */
	private final AtomicInteger handling = new AtomicInteger();

	private ReadingThreadPool(int minSpare, int max, TaskQueue queue, TaskThreadFactory threads) {
		super(minSpare, max, MAX_IDLE_MILLIS, TimeUnit.MILLISECONDS, queue, threads);
	}

	/**
	 * @param name the connector's name, which the threads' names start with, as Tomcat's do
	 */
	static ReadingThreadPool create(String name, int minSpare, int max, int maxQueue, int priority) {
		TaskQueue queue = new TaskQueue(maxQueue);
		ReadingThreadPool pool = new ReadingThreadPool(minSpare, max, queue,
				new TaskThreadFactory(name + "-exec-", true, priority));
		queue.setParent(pool);
		return pool;
	}

	/** Counts a task that handles messages, unless half of the threads already do. */
	boolean startHandling() {
		int limit = Math.max(1, getMaximumPoolSize() / 2);
		int now;
		do {
			now = this.handling.get();
			if (now >= limit) {
				return false;
			}
		}
		while (!this.handling.compareAndSet(now, now + 1));
		return true;
	}

	void endHandling() {
		this.handling.decrementAndGet();
	}

	@Override
	protected void beforeExecute(Thread thread, Runnable task) {
		super.beforeExecute(thread, task);
		ContainerReads.begin(this);
	}

	@Override
	protected void afterExecute(Runnable task, Throwable failure) {
		try {
			ContainerReads.end();
		}
		finally {
			super.afterExecute(task, failure);
		}
	}

}
