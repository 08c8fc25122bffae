package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.ipcframework.bench.natscompare.ReportCells.NONE;
import static dev.ipcframework.bench.natscompare.ReportCells.cell;
import static dev.ipcframework.bench.natscompare.ReportCells.micros;

/** The request/response part of the report: a line per run, the detailed table, and the summary's rows. */
final class RequestReplyReport {

	private final PrintStream out;

	private final List<RequestReplyResult> requests = new ArrayList<>();

	RequestReplyReport(PrintStream out) {
		this.out = out;
	}

	/** Prints the result of a run as it ends; the note says what else was seen meanwhile (CPU, load). */
	void add(RequestReplyResult result, String note) {
		this.requests.add(result);
		this.out.printf(Locale.ROOT, "  request/response %-9s %-7s %s (%s)%n", result.server(), result.shape(),
				result.ok() ? String.format(Locale.ROOT, "%,.0f req/s, p50/p99/p99.9 %s µs", result.perSecond(),
						ReportCells.latencies(result.latencies())) : "FAILED: " + result.failure(), note);
	}

	void printTable() {
		if (this.requests.isEmpty()) {
			return;
		}
		this.out.println("### Request/response (closed loop: connections × requests in flight each)");
		this.out.println();
		this.out.println("| server | transport | shape | req/s | p50 µs | p99 µs | p99.9 µs | max µs | error replies "
				+ "| unanswered at end |");
		this.out.println("|---|---|---|---|---|---|---|---|---|---|");
		for (RequestReplyResult r : this.requests) {
			String server = r.server().equals("NATS") ? "NATS" : "ours";
			String transport = r.server().equals("NATS") ? "TCP" : r.server();
			if (!r.ok()) {
				this.out.printf("| %s | %s | %s | FAILED: %s |||||||%n", server, transport, r.shape(), cell(r.failure()));
				continue;
			}
			LatencyHistogram l = r.latencies();
			this.out.printf(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %s | %,d | %,d |%n", server, transport,
					r.shape(), r.perSecond(), micros(l.percentileNanos(50)), micros(l.percentileNanos(99)),
					micros(l.percentileNanos(99.9)), micros(l.maxNanos()), r.errorReplies(), r.unanswered());
		}
		this.out.println();
	}

	/** TCP against NATS, then WebSocket against our TCP. */
	void summarize(SummaryTable summary) {
		for (RequestReplyResult tcp : this.requests) {
			if (!tcp.server().equals("TCP")) {
				continue;
			}
			RequestReplyResult nats = find("NATS", tcp.shape());
			summary.row("req/resp TCP " + tcp.shape() + ": req/s", rate(tcp), rate(nats), ratio(tcp, nats));
			summary.row("req/resp TCP " + tcp.shape() + ": p50 / p99 / p99.9 µs", latencies(tcp), latencies(nats),
					latencyRatios(tcp, nats));
		}
		for (RequestReplyResult ws : this.requests) {
			if (!ws.server().equals("WebSocket")) {
				continue;
			}
			RequestReplyResult tcp = find("TCP", ws.shape());
			String ratio = ratio(ws, tcp);
			summary.row("req/resp WS " + ws.shape() + ": req/s", rate(ws), NONE,
					ratio.equals(NONE) ? NONE : "WS/TCP " + ratio);
			String latencyRatios = latencyRatios(ws, tcp);
			summary.row("req/resp WS " + ws.shape() + ": p50 / p99 / p99.9 µs", latencies(ws), NONE,
					latencyRatios.equals(NONE) ? NONE : "WS/TCP " + latencyRatios);
		}
	}

	private RequestReplyResult find(String server, String shape) {
		for (RequestReplyResult r : this.requests) {
			if (r.server().equals(server) && r.shape().equals(shape)) {
				return r;
			}
		}
		return null;
	}

	private static String rate(RequestReplyResult r) {
		if (r == null) {
			return NONE;
		}
		return r.ok() ? String.format(Locale.ROOT, "%,.0f", r.perSecond()) : "FAILED: " + cell(r.failure());
	}

	private static String latencies(RequestReplyResult r) {
		return (r == null || !r.ok()) ? NONE : ReportCells.latencies(r.latencies());
	}

	private static String ratio(RequestReplyResult ours, RequestReplyResult theirs) {
		return (ours == null || theirs == null || !ours.ok() || !theirs.ok()) ? NONE
				: ReportCells.ratio(ours.perSecond(), theirs.perSecond());
	}

	private static String latencyRatios(RequestReplyResult ours, RequestReplyResult theirs) {
		if (ours == null || theirs == null || !ours.ok() || !theirs.ok()) {
			return NONE;
		}
		return ReportCells.ratio(ours.latencies().percentileNanos(50), theirs.latencies().percentileNanos(50)) + " / "
				+ ReportCells.ratio(ours.latencies().percentileNanos(99), theirs.latencies().percentileNanos(99)) + " / "
				+ ReportCells.ratio(ours.latencies().percentileNanos(99.9), theirs.latencies().percentileNanos(99.9));
	}

}
