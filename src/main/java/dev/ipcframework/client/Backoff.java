package dev.ipcframework.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the wait before attempt n is {@code initial * 2^(n-1)}, at most {@code max},
 * plus a random share of {@code jitter}.
 */
record Backoff(Duration initial, Duration max, Duration jitter) {

	/** The wait before the given attempt, counted from 1. */
	Duration delay(int attempt) {
		long max = this.max.toMillis();
		long base = this.initial.toMillis();
		for (int i = 1; i < attempt && base < max; i++) {
			base *= 2;
		}
		long jitterMillis = this.jitter.toMillis();
		long random = (jitterMillis > 0) ? ThreadLocalRandom.current().nextLong(jitterMillis + 1) : 0;
		return Duration.ofMillis(Math.min(base, max) + random);
	}

}
