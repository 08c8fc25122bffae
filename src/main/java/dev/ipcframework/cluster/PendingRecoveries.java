package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Recoveries from the history in Redis that wait for what they read. The read comes back through the node's inbox,
 * in the order of the channel's publishes (after every one it read, before any later one), and the subscriber joins
 * right there, on the thread that delivers those publishes: it then gets every later one live, and none twice.
 */
public class PendingRecoveries {

	private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();

	/** Registers a recovery; {@code join} runs with what its read brings back. */
	<T> Pending<T> add(Function<byte[], T> join) {
		Pending<T> recovery = new Pending<>(UUID.randomUUID().toString(), join);
		this.pending.put(recovery.token, recovery);
		return recovery;
	}

	/** The read of a recovery arrived, in the order of the channel's publishes. */
	void arrived(String token, byte[] read) {
		Pending<?> recovery = this.pending.remove(token);
		if (recovery != null) {
			recovery.run(read);
		}
	}

	/** Waiting recoveries now. */
	int size() {
		return this.pending.size();
	}

	/** One recovery: joined once, by the read that arrived or by its fallback, whichever comes first. */
	final class Pending<T> {

		private final String token;

		private final Function<byte[], T> join;

		private final AtomicBoolean claimed = new AtomicBoolean();

		private final CompletableFuture<T> result = new CompletableFuture<>();

		private Pending(String token, Function<byte[], T> join) {
			this.token = token;
			this.join = join;
		}

		String token() {
			return this.token;
		}

		private void run(byte[] read) {
			if (this.claimed.compareAndSet(false, true)) {
				try {
					this.result.complete(this.join.apply(read));
				}
				catch (RuntimeException ex) {
					this.result.completeExceptionally(ex);
				}
			}
		}

		/**
		 * Waits for the join, at most {@code timeout}; when the read has not arrived by then (Redis went away),
		 * joins with {@code fallback} instead.
		 * @throws RuntimeException what the join threw
		 */
		T await(Duration timeout, Supplier<T> fallback) {
			try {
				return this.result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				return fallBack(fallback);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return fallBack(fallback);
			}
			catch (ExecutionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
						: new IllegalStateException(ex.getCause());
			}
		}

		/** Joins with {@code fallback} unless the read's join has begun, and then waits for that one. */
		T fallBack(Supplier<T> fallback) {
			PendingRecoveries.this.pending.remove(this.token);
			if (this.claimed.compareAndSet(false, true)) {
				return fallback.get();
			}
			// joining on the inbox's thread right now, which takes no longer than queueing a few frames
			try {
				return this.result.join();
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
			}
		}

	}

}
