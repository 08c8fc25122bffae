package dev.ipcframework.routing;

/**
 * A token bucket: {@code rate} tokens a second, holding at most {@code burst}. Not thread-safe: each connection's
 * messages are handled one at a time, so each bucket has one user at a time.
 */
final class TokenBucket {

	private final double ratePerNano;

	private final double burst;

	private double tokens;

	private long lastRefill = System.nanoTime();

	TokenBucket(int ratePerSecond, int burst) {
		this.ratePerNano = ratePerSecond / 1e9;
		this.burst = burst;
		this.tokens = burst;
	}

	boolean tryTake() {
		long now = System.nanoTime();
		this.tokens = Math.min(this.burst, this.tokens + (now - this.lastRefill) * this.ratePerNano);
		this.lastRefill = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
