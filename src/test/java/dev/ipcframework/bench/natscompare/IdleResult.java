package dev.ipcframework.bench.natscompare;

/**
 * One idle-connections run: how many connections completed their handshake, in how long, the handshake latencies
 * (from starting to connect to reading the server's answer), the server's resident memory and live heap (-1 when
 * not a Java server) before and after, and the first failure when some did not open.
 */
record IdleResult(String server, int wanted, int opened, int failed, double seconds, LatencyHistogram handshakes,
		long rssBefore, long rssAfter, long liveHeapBefore, long liveHeapAfter, String firstFailure) {

	double handshakesPerSecond() {
		return (this.seconds > 0) ? this.opened / this.seconds : 0;
	}

	/**
	 * Server memory growth per open connection in bytes, NaN when the server's RSS could not be read: the growth of
	 * its resident memory, plus, for a Java server (whose heap the benchmark commits and touches whole at start, so
	 * that it shows in neither figure), the growth of its live heap.
	 */
	double rssPerConnection() {
		if (this.rssBefore < 0 || this.rssAfter < 0 || this.opened == 0) {
			return Double.NaN;
		}
		long heap = (this.liveHeapBefore >= 0 && this.liveHeapAfter >= 0) ? this.liveHeapAfter - this.liveHeapBefore : 0;
		return (double) (this.rssAfter - this.rssBefore + heap) / this.opened;
	}

}
