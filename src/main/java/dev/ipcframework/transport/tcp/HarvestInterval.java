package dev.ipcframework.transport.tcp;

import java.util.concurrent.TimeUnit;

/**
 * When a server connection factory next clears closed connections out of its table: at most every 100 ms rather
 * than after every accept (the blocking factory) or every selection (the NIO one). Clearing walks every open
 * connection, so opening 10,000 connections walked 50 million entries, and accepting fell behind the peers trying
 * to connect.
 */
final class HarvestInterval {

	private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private volatile long last = System.nanoTime();

	/** Whether the interval has passed since the last time this answered true. */
	boolean due() {
		long now = System.nanoTime();
		if (now - this.last < INTERVAL_NANOS) {
			return false;
		}
		this.last = now;
		return true;
	}

}
