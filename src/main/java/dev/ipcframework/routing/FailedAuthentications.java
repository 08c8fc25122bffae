package dev.ipcframework.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Failed authentications per remote address, and how long the next refusal to that address waits: nothing for the
 * first few (a client with a stale token should hear at once), then a delay that doubles with each further failure
 * up to a limit, so that guessing tokens from one address costs time. An address is forgotten a minute after its
 * last failure; at most {@value #MAX_ADDRESSES} addresses are remembered, beyond which further ones go unthrottled
 * rather than let the table grow without bound.
 */
final class FailedAuthentications {

	static final int FREE_FAILURES = 3;

	static final int MAX_ADDRESSES = 10_000;

	private static final long FIRST_DELAY_MILLIS = 250;

	private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(1);

	private record Failures(int count, long lastNanos) {
	}

	private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

	private final Duration maxDelay;

	/** @param maxDelay the longest a refusal waits; zero answers every refusal at once */
	FailedAuthentications(Duration maxDelay) {
		this.maxDelay = maxDelay;
	}

	/**
	 * Counts a failed authentication from the address.
	 * @return how long to wait before answering it
	 */
	Duration failed(String address) {
		if (this.maxDelay.isZero() || this.maxDelay.isNegative()) {
			return Duration.ZERO;
		}
		long now = System.nanoTime();
		if (this.byAddress.size() >= MAX_ADDRESSES) {
			this.byAddress.values().removeIf((failures) -> now - failures.lastNanos() > FORGET_AFTER_NANOS);
			if (this.byAddress.size() >= MAX_ADDRESSES && !this.byAddress.containsKey(address)) {
				return Duration.ZERO;
			}
		}
		Failures failures = this.byAddress.compute(address,
				(key, old) -> (old == null || now - old.lastNanos() > FORGET_AFTER_NANOS) ? new Failures(1, now)
						: new Failures(old.count() + 1, now));
		int beyondFree = failures.count() - FREE_FAILURES;
		if (beyondFree <= 0) {
			return Duration.ZERO;
		}
		long millis = FIRST_DELAY_MILLIS << Math.min(beyondFree - 1, 20);
		return Duration.ofMillis(Math.min(millis, this.maxDelay.toMillis()));
	}

}
