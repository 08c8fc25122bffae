package dev.ipcframework.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Brings a lost connection back: attempts one after another, waiting as {@link Backoff} says between them, until
 * one succeeds or the attempts run out. A drain notice from the server replaces the wait before the first attempt
 * with the time the server asked for.
 */
final class Reconnector {

	/** One try at connecting; throws when it failed. */
	@FunctionalInterface
	interface Attempt {

		void connect() throws Exception;

	}

	private final Backoff backoff;

	private final int maxAttempts;

	private final ScheduledExecutorService scheduler;

	private final Attempt attempt;

	private final Consumer<Throwable> attemptFailed;

	private final Consumer<Throwable> gaveUp;

	private volatile Duration drainDelay;

	private int attempts;

	private ScheduledFuture<?> next;

	private boolean stopped;

	Reconnector(Backoff backoff, int maxAttempts, ScheduledExecutorService scheduler, Attempt attempt,
			Consumer<Throwable> attemptFailed, Consumer<Throwable> gaveUp) {
		this.backoff = backoff;
		this.maxAttempts = maxAttempts;
		this.scheduler = scheduler;
		this.attempt = attempt;
		this.attemptFailed = attemptFailed;
		this.gaveUp = gaveUp;
	}

	/** The server is draining and asked to be left alone for {@code after} once it closes the connection. */
	void drainNotice(Duration after) {
		this.drainDelay = after;
	}

	/** Starts attempting, unless attempts are already under way. */
	void start(Throwable cause) {
		synchronized (this) {
			if (this.stopped || this.next != null) {
				return;
			}
			this.attempts = 0;
			if (this.maxAttempts != 0) {
				scheduleNext();
				return;
			}
		}
		this.gaveUp.accept(cause);
	}

	void stop() {
		synchronized (this) {
			this.stopped = true;
			if (this.next != null) {
				this.next.cancel(false);
				this.next = null;
			}
		}
	}

	private void scheduleNext() {
		this.attempts++;
		Duration drain = this.drainDelay;
		this.drainDelay = null;
		Duration delay = (drain != null) ? drain : this.backoff.delay(this.attempts);
		this.next = this.scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void run() {
		synchronized (this) {
			if (this.stopped) {
				return;
			}
			this.next = null;
		}
		try {
			this.attempt.connect();
		}
		catch (Exception ex) {
			this.attemptFailed.accept(ex);
			synchronized (this) {
				if (this.stopped || this.next != null) {
					return;
				}
				if (this.maxAttempts < 0 || this.attempts < this.maxAttempts) {
					scheduleNext();
					return;
				}
			}
			this.gaveUp.accept(ex);
		}
	}

}
