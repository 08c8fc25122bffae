package dev.ipcframework.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The server's thread pools, held by one bean that is not itself an {@code Executor}, so that an application
 * using the jar keeps Spring Boot's own task executor and scheduler.
 */
public class IpcExecutors implements DisposableBean {

	private final ExecutorService handlers;

	private final ExecutorService senders;

	private final ScheduledExecutorService scheduler;

	public IpcExecutors(IpcProperties.Workers workers) {
		this.handlers = fixedPool(workers.handlerThreads(), "ipc-handler-");
		this.senders = fixedPool(workers.senderThreads(), "ipc-sender-");
		ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(workers.schedulerThreads(),
				daemonThreads("ipc-scheduler-"));
		// answered requests cancel their timers: drop those at once rather than when they would have fired
		timers.setRemoveOnCancelPolicy(true);
		this.scheduler = timers;
	}

	/** Decodes, routes and runs handlers; each connection uses at most one of its threads at a time. */
	public ExecutorService handlers() {
		return this.handlers;
	}

	/** Writes queued frames to sockets. */
	public ExecutorService senders() {
		return this.senders;
	}

	/** Handshake, idle and request timeouts. */
	public ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		this.handlers.shutdown();
		this.senders.shutdown();
	}

	/**
	 * A fixed pool whose queue holds at most one task per connection (each connection runs its work through its own
	 * ordered executor), so the queue is bounded by the number of connections.
	 */
	private static ExecutorService fixedPool(int threads, String namePrefix) {
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				daemonThreads(namePrefix));
	}

	private static CustomizableThreadFactory daemonThreads(String namePrefix) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(namePrefix);
		threadFactory.setDaemon(true);
		return threadFactory;
	}

}
