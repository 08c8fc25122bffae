package dev.ipcframework.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The server's threads, held by one bean that is not itself an {@code Executor}, so that an application using the
 * jar keeps Spring Boot's own task executor and scheduler.
 * <p>
 * Work that blocks on one peer's socket (reading a TCP connection, writing to any) runs where a blocked peer costs
 * nobody else a thread: on virtual threads where the JVM has them (21 and later). On Java 17, each TCP connection
 * is read by a platform thread of its own, and writes run on one platform thread per core, plus one for each
 * write blocked on a peer that stopped reading (see {@link #blockedWrites}).
 */
public class IpcExecutors implements DisposableBean {

	private static final Log logger = LogFactory.getLog(IpcExecutors.class);

	/** Extra platform sender threads at most, made while writes block on peers that stopped reading. */
	private static final int MAX_EXTRA_PLATFORM_SENDERS = 1024;

	private final ExecutorService handlers;

	private final Executor senders;

	private final Executor connectionReaders;

	private final ScheduledExecutorService scheduler;

	private final @Nullable ThreadPoolExecutor platformSenders;

	private final int platformSenderThreads;

	private final @Nullable ExecutorService platformReaders;

	public IpcExecutors(IpcProperties.Workers workers) {
		this.handlers = fixedPool(workers.handlerThreads(), "ipc-handler-");
		this.platformSenderThreads = (workers.senderThreads() > 0) ? workers.senderThreads()
				: Runtime.getRuntime().availableProcessors();
		if (useVirtualThreads(workers)) {
			this.platformSenders = null;
			this.platformReaders = null;
			this.senders = new VirtualThreadTaskExecutor("ipc-sender-");
			this.connectionReaders = new VirtualThreadTaskExecutor("ipc-tcp-");
		}
		else {
			// as many writers as cores: a publish to many subscribers must not wake a thread per subscriber, which
			// would leave the publisher one runnable thread among hundreds (measured: 40 times slower)
			ThreadPoolExecutor senderPool = new ThreadPoolExecutor(this.platformSenderThreads,
					this.platformSenderThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
					daemonThreads("ipc-sender-"));
			this.platformSenders = senderPool;
			this.senders = senderPool;
			ThreadPoolExecutor readerPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
					new SynchronousQueue<>(), daemonThreads("ipc-tcp-"));
			this.platformReaders = readerPool;
			this.connectionReaders = readerPool;
		}
		ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(workers.schedulerThreads(),
				daemonThreads("ipc-scheduler-"));
		// answered requests cancel their timers: drop those at once rather than when they would have fired
		timers.setRemoveOnCancelPolicy(true);
		this.scheduler = timers;
	}

	/** Whether connections are read, and written, on virtual threads. */
	public boolean virtualThreads() {
		return this.platformReaders == null;
	}

	/** Decodes, routes and runs handlers; each connection uses at most one of its threads at a time. */
	public ExecutorService handlers() {
		return this.handlers;
	}

	/** Writes queued frames to sockets; each connection uses at most one of its threads at a time. */
	public Executor senders() {
		return this.senders;
	}

	/**
	 * Told how many writes are blocked on peers that stopped reading: on platform threads, each of those holds a
	 * sender thread, so the pool grows by as many (and shrinks back once they end), and the other connections' writes
	 * still have their threads. Virtual threads need nothing of the kind.
	 */
	public void blockedWrites(int count) {
		ThreadPoolExecutor pool = this.platformSenders;
		if (pool == null) {
			return;
		}
		int size = this.platformSenderThreads + Math.min(count, MAX_EXTRA_PLATFORM_SENDERS);
		synchronized (pool) {
			if (size > pool.getMaximumPoolSize()) {
				pool.setMaximumPoolSize(size);
				pool.setCorePoolSize(size);
			}
			else if (size < pool.getMaximumPoolSize()) {
				pool.setCorePoolSize(size);
				pool.setMaximumPoolSize(size);
			}
		}
	}

	/**
	 * Runs the TCP server: its accepting loop, and either one reading thread per connection or, with NIO, one task
	 * per read. On platform threads the pool keeps idle threads for a minute, so that reads reuse them.
	 */
	public Executor connectionReaders() {
		return this.connectionReaders;
	}

	/** Handshake, idle, write and request timeouts. */
	public ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		this.handlers.shutdown();
		if (this.platformSenders != null) {
			this.platformSenders.shutdown();
		}
		if (this.platformReaders != null) {
			this.platformReaders.shutdown();
		}
	}

	private static boolean useVirtualThreads(IpcProperties.Workers workers) {
		if (!workers.virtualThreads()) {
			return false;
		}
		if (Runtime.version().feature() < 21) {
			logger.debug("Java " + Runtime.version().feature() + " has no virtual threads: platform threads read and "
					+ "write connections");
			return false;
		}
		return true;
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
