package dev.ipcframework.client;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * The client's threads, all daemons: the scheduler (request timeouts, heartbeat, reconnect attempts), the pool
 * that runs served requests, and for a WebSocket url the HTTP client and its executor.
 */
final class ClientExecutors {

	private final ScheduledThreadPoolExecutor scheduler;

	private final ThreadPoolExecutor servePool;

	private final @Nullable ExecutorService httpExecutor;

	private final @Nullable HttpClient httpClient;

	ClientExecutors(Options options) {
		this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("ipc-client-scheduler"));
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.servePool = new ThreadPoolExecutor(options.serveThreads(), options.serveThreads(), 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), daemonThreads("ipc-client-serve"));
		this.servePool.allowCoreThreadTimeOut(true);
		boolean websocket = !OptionsValidation.isTcp(options.url());
		this.httpExecutor = websocket ? Executors.newCachedThreadPool(daemonThreads("ipc-client-ws")) : null;
		this.httpClient = websocket ? httpClient(this.httpExecutor, options.sslContext()) : null;
	}

	private static HttpClient httpClient(ExecutorService executor, @Nullable SSLContext sslContext) {
		HttpClient.Builder builder = HttpClient.newBuilder().executor(executor);
		if (sslContext != null) {
			builder.sslContext(sslContext);
		}
		return builder.build();
	}

	ScheduledThreadPoolExecutor scheduler() {
		return this.scheduler;
	}

	ThreadPoolExecutor servePool() {
		return this.servePool;
	}

	/** Null for a TCP url. */
	@Nullable HttpClient httpClient() {
		return this.httpClient;
	}

	/** Interrupts the served requests still running; later ones are answered as refused. */
	void stopServing() {
		this.servePool.shutdownNow();
	}

	/** Stops the scheduler and the HTTP threads; call it last, since close may run on the scheduler. */
	void shutdown() {
		this.scheduler.shutdownNow();
		if (this.httpExecutor != null) {
			this.httpExecutor.shutdownNow();
		}
	}

	static ThreadFactory daemonThreads(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
