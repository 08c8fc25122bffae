package dev.ipcframework.bench.natscompare;

/**
 * One idle-connections run: how many connections completed their handshake, in how long, the handshake latencies
 * (from starting to connect to reading the server's answer), the server's resident memory before and after, and
 * the first failure when some did not open.
 */
record IdleResult(String server, int wanted, int opened, int failed, double seconds, LatencyHistogram handshakes,
		long rssBefore, long rssAfter, String firstFailure) {

	double handshakesPerSecond() {
		return (this.seconds > 0) ? this.opened / this.seconds : 0;
	}

	/** Server memory growth per open connection in bytes, NaN when the server's RSS could not be read. */
	double rssPerConnection() {
		return (this.rssBefore < 0 || this.rssAfter < 0 || this.opened == 0) ? Double.NaN
				: (double) (this.rssAfter - this.rssBefore) / this.opened;
	}

}
