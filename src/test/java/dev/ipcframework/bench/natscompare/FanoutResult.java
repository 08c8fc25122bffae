package dev.ipcframework.bench.natscompare;

/**
 * One fan-out run. {@code deliveredInWindow} sums the messages every subscriber read in the measured window;
 * {@code lost} is what had not arrived when the run ended: publishes written × subscribers − deliveries, counted
 * after the stragglers had time to arrive ({@code stillArriving}: deliveries were still coming in at that point).
 * {@code complete}: every healthy subscriber read every publish and stayed connected; {@code inOrder}: none saw a
 * sequence number out of turn. For the stalled subscriber: when the server cut it off (seconds after the first
 * publish, -1 if it did not within the seconds it was watched) and the notice that was waiting in its socket.
 */
record FanoutResult(String server, int subscribers, boolean withStalled, long published, long publishedInWindow,
		long deliveredInWindow, long delivered, double seconds, long lost, boolean stillArriving, int disconnected,
		String disconnectReason, boolean complete, boolean inOrder, double stalledCutOffSeconds,
		double stalledWatchedSeconds, String stalledNotice, String failure) {

	static FanoutResult failed(String server, int subscribers, boolean withStalled, String failure) {
		return new FanoutResult(server, subscribers, withStalled, 0, 0, 0, 0, 0, 0, false, 0, null, false, false, -1,
				0, null, failure);
	}

	boolean ok() {
		return this.failure == null;
	}

	double deliveredPerSecond() {
		return (this.seconds > 0) ? this.deliveredInWindow / this.seconds : 0;
	}

	double publishedPerSecond() {
		return (this.seconds > 0) ? this.publishedInWindow / this.seconds : 0;
	}

	String shape() {
		return "1→" + this.subscribers + (this.withStalled ? " + 1 stalled" : "");
	}

}
