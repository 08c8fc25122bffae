package dev.ipcframework.bench.natscompare;

import java.time.Duration;

/**
 * The phases of one run on the {@link System#nanoTime()} clock: load starts at {@code start}, is measured from
 * {@code measureStart} and stops at {@code measureEnd}. Threads compare their own clock readings with these instead
 * of sharing a flag, so no volatile is read per message.
 */
record Window(long start, long measureStart, long measureEnd) {

	static Window fromNow(Duration warmup, Duration measure) {
		long start = System.nanoTime();
		long measureStart = start + warmup.toNanos();
		return new Window(start, measureStart, measureStart + measure.toNanos());
	}

	boolean measuring(long now) {
		return now >= this.measureStart && now < this.measureEnd;
	}

	double measuredSeconds() {
		return (this.measureEnd - this.measureStart) / 1e9;
	}

	double secondsSinceStart(long now) {
		return (now - this.start) / 1e9;
	}

}
