package dev.ipcframework.bench.natscompare;

/**
 * One request/response run: replies counted in the measured window and their latencies (from writing the request to
 * reading its reply, at the requester), replies that carried an error, requests left unanswered when the run ended,
 * and why the run failed, if it did.
 */
record RequestReplyResult(String server, int connections, int inFlight, long replies, double seconds,
		LatencyHistogram latencies, long errorReplies, long unanswered, String failure) {

	static RequestReplyResult failed(String server, int connections, int inFlight, String failure) {
		return new RequestReplyResult(server, connections, inFlight, 0, 0, new LatencyHistogram(), 0, 0, failure);
	}

	boolean ok() {
		return this.failure == null;
	}

	double perSecond() {
		return (this.seconds > 0) ? this.replies / this.seconds : 0;
	}

	String shape() {
		return this.connections + "×" + this.inFlight;
	}

}
