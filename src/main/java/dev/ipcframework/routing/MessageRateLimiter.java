package dev.ipcframework.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.ConnectionHandle;

/**
 * Limits how many messages per second each connection may send ({@code ipc.connection.rate-limit}). A message
 * over the limit is answered with {@code RATE_LIMITED} and not handled; the connection stays open.
 */
public class MessageRateLimiter {

	private final Map<ConnectionHandle, TokenBucket> buckets = new ConcurrentHashMap<>();

	private final int ratePerSecond;

	private final int burst;

	/** @param ratePerSecond messages a second, 0 for no limit; @param burst 0 for twice the rate */
	public MessageRateLimiter(int ratePerSecond, int burst) {
		this.ratePerSecond = ratePerSecond;
		this.burst = (burst > 0) ? burst : 2 * ratePerSecond;
	}

	/** Whether the connection may send one more message now. */
	public boolean tryAcquire(ConnectionHandle connection) {
		if (this.ratePerSecond <= 0) {
			return true;
		}
		return this.buckets.computeIfAbsent(connection, (c) -> new TokenBucket(this.ratePerSecond, this.burst))
			.tryTake();
	}

	public void forget(ConnectionHandle connection) {
		this.buckets.remove(connection);
	}

}
