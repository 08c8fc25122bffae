package dev.ipcframework.connection;

import java.time.Duration;

/**
 * Holds back server code that sends to connections the way a client that publishes is held back: what it sends
 * may fill a connection's send buffer past its high watermark, and it then waits until that buffer drains below
 * its low watermark. So a server-side publisher runs at the pace of its slowest reading subscriber instead of
 * getting it cut off as a slow consumer; a subscriber that takes nothing for the stall timeout is not waited for.
 */
public final class PacedSending {

	private PacedSending() {
	}

	/**
	 * Runs {@code sending}, then waits, at most {@code maxWait}, while a send buffer it filled past its high
	 * watermark drains. Within the handling of a connection's frame it only runs {@code sending}: that connection
	 * is held back instead, and the thread may not wait.
	 * @return whether every buffer it filled drained (or stalled) in time
	 */
	public static boolean run(Runnable sending, Duration maxWait) {
		if (ReadThrottle.hasSource()) {
			sending.run();
			return true;
		}
		ReadThrottle throttle = new ReadThrottle(null);
		throttle.runAsSource(sending);
		// what this thread holds back in a burst may not wait for the wait to end
		ConnectionHandle.endAnyWriteBurst();
		return throttle.awaitCongested(() -> true, maxWait.toNanos());
	}

}
