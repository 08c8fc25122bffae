package dev.ipcframework.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pings the server on one connection every interval. When the previous ping is still unanswered at the next tick,
 * the connection is taken to be dead (a peer that vanished without closing, a network that dropped silently).
 */
final class Heartbeat {

	private final ScheduledExecutorService scheduler;

	private final Duration interval;

	private final Supplier<CompletableFuture<?>> ping;

	private final Consumer<Throwable> dead;

	private volatile CompletableFuture<?> outstanding;

	private ScheduledFuture<?> task;

	Heartbeat(ScheduledExecutorService scheduler, Duration interval, Supplier<CompletableFuture<?>> ping,
			Consumer<Throwable> dead) {
		this.scheduler = scheduler;
		this.interval = interval;
		this.ping = ping;
		this.dead = dead;
	}

	synchronized void start() {
		if (!this.interval.isZero() && this.task == null) {
			long millis = this.interval.toMillis();
			this.task = this.scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
		}
	}

	synchronized void stop() {
		if (this.task != null) {
			this.task.cancel(false);
			this.task = null;
		}
	}

	private void tick() {
		CompletableFuture<?> previous = this.outstanding;
		if (previous != null && !previous.isDone()) {
			stop();
			this.dead.accept(new IpcConnectionException(IpcConnectionException.CONNECTION_LOST,
					"no answer to a ping within " + this.interval.toMillis() + " ms"));
			return;
		}
		this.outstanding = this.ping.get();
	}

}
