package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects the runs' results, prints a line per run as it ends, and at the end prints markdown: a detailed table
 * per scenario, then the summary (scenario | ours | NATS | ratio) and the machine, ready to paste into
 * {@code docs/benchmarks.md}. Ratios are ours / NATS (above 1: ours is higher), and for WebSocket WS / TCP. A fan-out
 * across a cluster of ours is reported as its own server ({@link #cluster}), next to the single node's figure.
 */
final class ComparisonReport {

	private static final String NONE = "—";

	private final PrintStream out;

	private final List<RequestReplyResult> requests = new ArrayList<>();

	private final List<FanoutResult> fanouts = new ArrayList<>();

	private final List<IdleResult> idles = new ArrayList<>();

	/** What else was seen during the cluster runs: the CPU of its nodes and of Redis. */
	private final List<String> clusterNotes = new ArrayList<>();

	ComparisonReport(PrintStream out) {
		this.out = out;
	}

	/** Prints the result of a run as it ends; the note says what else was seen meanwhile (CPU, load). */
	void add(RequestReplyResult result, String note) {
		this.requests.add(result);
		this.out.printf(Locale.ROOT, "  request/response %-9s %-7s %s (%s)%n", result.server(), result.shape(),
				result.ok() ? String.format(Locale.ROOT, "%,.0f req/s, p50/p99/p99.9 %s µs", result.perSecond(),
						latencies(result.latencies())) : "FAILED: " + result.failure(), note);
	}

	/** The server name of a fan-out across a cluster of ours. */
	static String cluster(int nodes) {
		return nodes + " nodes";
	}

	void add(FanoutResult result, String note) {
		this.fanouts.add(result);
		if (isCluster(result)) {
			this.clusterNotes.add(result.shape() + " over " + result.server() + ": " + note);
		}
		this.out.printf(Locale.ROOT, "  fan-out %-4s %-17s %s (%s)%n", result.server(), result.shape(),
				usable(result) ? String.format(Locale.ROOT,
						"%,.0f published/s, %,.0f delivered/s, lost %s, disconnected %d%s, healthy got all / in order: %s%s%s",
						result.publishedPerSecond(), result.deliveredPerSecond(), lost(result), result.disconnected(),
						(result.disconnectReason() != null) ? " (" + result.disconnectReason() + ")" : "",
						completeInOrder(result), result.withStalled() ? ", stalled: " + stalled(result) : "",
						result.ok() ? "" : "; " + result.failure())
						: "FAILED: " + result.failure(), note);
	}

	void add(IdleResult result, String note) {
		this.idles.add(result);
		this.out.printf(Locale.ROOT,
				"  idle %-4s %,d of %,d open, %,.0f handshakes/s, p99/p99.9 %s/%s µs, RSS %s per connection%s (%s)%n",
				result.server(), result.opened(), result.wanted(), result.handshakesPerSecond(),
				micros(result.handshakes().percentileNanos(99)), micros(result.handshakes().percentileNanos(99.9)),
				kib(result.rssPerConnection()),
				(result.firstFailure() != null) ? " (" + result.failed() + " failed, first: " + result.firstFailure() + ")" : "",
				note);
	}

	void print(MachineInfo machine, String loadBefore, String loadAfter, BenchOptions options) {
		this.out.println();
		printRequests();
		printFanouts();
		printIdles();
		this.out.println("### Summary (ratio = ours / NATS; WebSocket rows: WS / TCP)");
		this.out.println();
		this.out.println("| scenario | ours | NATS | ratio |");
		this.out.println("|---|---|---|---|");
		summarizeRequests();
		summarizeFanouts();
		summarizeIdles();
		this.out.println();
		this.out.printf(Locale.ROOT, "Machine: %d cores (%s), %s RAM, shared by both servers and the load generator; "
				+ "load average %s before, %s after.%n", machine.cores(), machine.cpu(), machine.memory(), loadBefore,
				loadAfter);
		this.out.printf(Locale.ROOT, "Our server: %s, -Xms512m -Xmx512m -XX:+AlwaysPreTouch. NATS: %s. "
				+ "Load generator: %s.%n", machine.serverJava(), machine.natsVersion(), machine.loadGeneratorJava());
		this.out.printf(Locale.ROOT, "Each run: %.1f s warm-up, %.1f s measured, 100-byte payloads, loopback; "
				+ "%,d idle connections opened by %d threads.%n", options.warmup().toMillis() / 1000.0,
				options.measure().toMillis() / 1000.0, options.idleConnections(), options.idleThreads());
	}

	private void printRequests() {
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

	private void printFanouts() {
		if (this.fanouts.isEmpty()) {
			return;
		}
		this.out.println(
				"### Fan-out over TCP (unpaced publisher; lost = published × subscribers − delivered, at the end)");
		this.out.println();
		this.out.println("| server | subscribers | published/s | delivered/s | published | lost | disconnected "
				+ "| healthy got all / in order | stalled subscriber |");
		this.out.println("|---|---|---|---|---|---|---|---|---|");
		for (FanoutResult r : this.fanouts) {
			String server = r.server().equals("NATS") ? "NATS" : isCluster(r) ? "ours, " + r.server() : "ours";
			if (!r.ok() && r.published() == 0) {
				this.out.printf("| %s | %s | FAILED: %s |||||||%n", server, r.shape(), cell(r.failure()));
				continue;
			}
			this.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,d | %s | %d%s | %s | %s |%n", server,
					r.shape(), r.publishedPerSecond(), r.deliveredPerSecond(), r.published(), lost(r),
					r.disconnected(), (r.disconnectReason() != null) ? " (" + cell(r.disconnectReason()) + ")" : "",
					completeInOrder(r) + (r.ok() ? "" : "; " + cell(r.failure())),
					r.withStalled() ? stalled(r) : NONE);
		}
		this.out.println();
		for (String note : this.clusterNotes) {
			this.out.println("Publisher on node A, subscribers on every node in turn; " + note);
			this.out.println();
		}
	}

	private void printIdles() {
		if (this.idles.isEmpty()) {
			return;
		}
		this.out.println("### Idle connections (connect + handshake, then kept open)");
		this.out.println();
		this.out.println("| server | open / wanted | failed | seconds | handshakes/s | p50 µs | p99 µs | p99.9 µs "
				+ "| server RSS before → after | RSS per connection |");
		this.out.println("|---|---|---|---|---|---|---|---|---|---|");
		for (IdleResult r : this.idles) {
			LatencyHistogram l = r.handshakes();
			this.out.printf(Locale.ROOT, "| %s | %,d / %,d | %,d%s | %.2f | %,.0f | %s | %s | %s | %s → %s | %s |%n",
					r.server().equals("NATS") ? "NATS" : "ours", r.opened(), r.wanted(), r.failed(),
					(r.firstFailure() != null) ? " (" + cell(r.firstFailure()) + ")" : "", r.seconds(),
					r.handshakesPerSecond(), micros(l.percentileNanos(50)), micros(l.percentileNanos(99)),
					micros(l.percentileNanos(99.9)), mib(r.rssBefore()), mib(r.rssAfter()), kib(r.rssPerConnection()));
		}
		this.out.println();
	}

	private void summarizeRequests() {
		for (RequestReplyResult tcp : this.requests) {
			if (!tcp.server().equals("TCP")) {
				continue;
			}
			RequestReplyResult nats = find(this.requests, "NATS", tcp.shape());
			row("req/resp TCP " + tcp.shape() + ": req/s", rate(tcp), rate(nats), ratio(tcp, nats));
			row("req/resp TCP " + tcp.shape() + ": p50 / p99 / p99.9 µs", latencies(tcp), latencies(nats),
					latencyRatios(tcp, nats));
		}
		for (RequestReplyResult ws : this.requests) {
			if (!ws.server().equals("WebSocket")) {
				continue;
			}
			RequestReplyResult tcp = find(this.requests, "TCP", ws.shape());
			String ratio = ratio(ws, tcp);
			row("req/resp WS " + ws.shape() + ": req/s", rate(ws), NONE, ratio.equals(NONE) ? NONE : "WS/TCP " + ratio);
			String latencyRatios = latencyRatios(ws, tcp);
			row("req/resp WS " + ws.shape() + ": p50 / p99 / p99.9 µs", latencies(ws), NONE,
					latencyRatios.equals(NONE) ? NONE : "WS/TCP " + latencyRatios);
		}
	}

	private void summarizeFanouts() {
		for (FanoutResult ours : this.fanouts) {
			if (ours.server().equals("NATS")) {
				continue;
			}
			FanoutResult nats = null;
			for (FanoutResult candidate : this.fanouts) {
				if (candidate.server().equals("NATS") && candidate.shape().equals(ours.shape())) {
					nats = candidate;
				}
			}
			String name = "fan-out " + ours.shape() + (isCluster(ours) ? " over " + ours.server() : "");
			String ratio = (nats == null || !usable(ours) || !usable(nats)) ? NONE
					: ratio(ours.deliveredPerSecond(), nats.deliveredPerSecond());
			FanoutResult single = isCluster(ours) ? singleNode(ours.shape()) : null;
			if (usable(ours) && usable(single)) {
				ratio += " (" + ratio(ours.deliveredPerSecond(), single.deliveredPerSecond()) + " of 1 node)";
			}
			row(name + ": delivered/s", delivered(ours), delivered(nats), ratio);
			row(name + ": lost / subscribers disconnected", losses(ours), losses(nats), NONE);
			if (ours.withStalled()) {
				row(name + ": healthy got all / in order", usable(ours) ? completeInOrder(ours) : NONE,
						usable(nats) ? completeInOrder(nats) : NONE, NONE);
				row(name + ": stalled one cut off", usable(ours) ? stalled(ours) : NONE,
						usable(nats) ? stalled(nats) : NONE, NONE);
			}
		}
	}

	private FanoutResult singleNode(String shape) {
		for (FanoutResult r : this.fanouts) {
			if (r.server().equals("TCP") && r.shape().equals(shape)) {
				return r;
			}
		}
		return null;
	}

	private void summarizeIdles() {
		IdleResult ours = null;
		IdleResult nats = null;
		for (IdleResult r : this.idles) {
			if (r.server().equals("NATS")) {
				nats = r;
			}
			else {
				ours = r;
			}
		}
		if (ours == null && nats == null) {
			return;
		}
		String name = String.format(Locale.ROOT, "idle %,d", (ours != null) ? ours.wanted() : nats.wanted());
		row(name + ": connections open", (ours != null) ? String.format("%,d", ours.opened()) : NONE,
				(nats != null) ? String.format("%,d", nats.opened()) : NONE,
				(ours != null && nats != null) ? ratio(ours.opened(), nats.opened()) : NONE);
		row(name + ": handshakes/s", (ours != null) ? String.format("%,.0f", ours.handshakesPerSecond()) : NONE,
				(nats != null) ? String.format("%,.0f", nats.handshakesPerSecond()) : NONE,
				(ours != null && nats != null) ? ratio(ours.handshakesPerSecond(), nats.handshakesPerSecond()) : NONE);
		row(name + ": handshake p99 / p99.9 µs", handshakeTail(ours), handshakeTail(nats),
				(ours != null && nats != null) ? ratio(ours.handshakes().percentileNanos(99),
						nats.handshakes().percentileNanos(99)) + " / " + ratio(ours.handshakes().percentileNanos(99.9),
								nats.handshakes().percentileNanos(99.9)) : NONE);
		row(name + ": server RSS growth per connection", (ours != null) ? kib(ours.rssPerConnection()) : NONE,
				(nats != null) ? kib(nats.rssPerConnection()) : NONE,
				(ours != null && nats != null && nats.rssPerConnection() > 0)
						? ratio(ours.rssPerConnection(), nats.rssPerConnection()) : NONE);
	}

	private void row(String scenario, String ours, String nats, String ratio) {
		this.out.printf("| %s | %s | %s | %s |%n", scenario, ours, nats, ratio);
	}

	private static RequestReplyResult find(List<RequestReplyResult> results, String server, String shape) {
		for (RequestReplyResult r : results) {
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
		return (r == null || !r.ok()) ? NONE : latencies(r.latencies());
	}

	private static String latencies(LatencyHistogram l) {
		return micros(l.percentileNanos(50)) + " / " + micros(l.percentileNanos(99)) + " / "
				+ micros(l.percentileNanos(99.9));
	}

	private static String ratio(RequestReplyResult ours, RequestReplyResult theirs) {
		return (ours == null || theirs == null || !ours.ok() || !theirs.ok()) ? NONE
				: ratio(ours.perSecond(), theirs.perSecond());
	}

	private static String latencyRatios(RequestReplyResult ours, RequestReplyResult theirs) {
		if (ours == null || theirs == null || !ours.ok() || !theirs.ok()) {
			return NONE;
		}
		return ratio(ours.latencies().percentileNanos(50), theirs.latencies().percentileNanos(50)) + " / "
				+ ratio(ours.latencies().percentileNanos(99), theirs.latencies().percentileNanos(99)) + " / "
				+ ratio(ours.latencies().percentileNanos(99.9), theirs.latencies().percentileNanos(99.9));
	}

	private static String ratio(double ours, double theirs) {
		if (theirs <= 0) {
			return NONE;
		}
		double ratio = ours / theirs;
		// two significant digits for small ratios, which "%.2f" would show as 0.00
		return (ratio >= 0.1 || ratio == 0) ? String.format(Locale.ROOT, "%.2f", ratio)
				: new java.math.BigDecimal(ratio).round(new java.math.MathContext(2)).toPlainString();
	}

	private static boolean isCluster(FanoutResult r) {
		return r.server().endsWith(" nodes");
	}

	private static boolean usable(FanoutResult r) {
		return r != null && (r.ok() || r.published() > 0);
	}

	private static String delivered(FanoutResult r) {
		if (r == null) {
			return NONE;
		}
		return usable(r) ? String.format(Locale.ROOT, "%,.0f", r.deliveredPerSecond()) : "FAILED: " + cell(r.failure());
	}

	private static String losses(FanoutResult r) {
		return usable(r) ? lost(r) + " / " + r.disconnected() : NONE;
	}

	private static String lost(FanoutResult r) {
		return String.format(Locale.ROOT, "%,d", r.lost()) + (r.stillArriving() ? " (still arriving)" : "");
	}

	private static String completeInOrder(FanoutResult r) {
		return yesNo(r.complete()) + " / " + yesNo(r.inOrder());
	}

	private static String stalled(FanoutResult r) {
		String notice = (r.stalledNotice() != null) ? " (" + cell(r.stalledNotice()) + " waiting)" : "";
		if (r.stalledCutOffSeconds() < 0) {
			return String.format(Locale.ROOT, "not cut off in %.0f s%s", r.stalledWatchedSeconds(), notice);
		}
		return String.format(Locale.ROOT, "cut off after %.1f s%s", r.stalledCutOffSeconds(), notice);
	}

	private static String handshakeTail(IdleResult r) {
		return (r == null || r.opened() == 0) ? NONE
				: micros(r.handshakes().percentileNanos(99)) + " / " + micros(r.handshakes().percentileNanos(99.9));
	}

	private static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	private static String micros(long nanos) {
		double micros = nanos / 1_000.0;
		return (micros < 10) ? String.format(Locale.ROOT, "%.1f", micros) : String.format(Locale.ROOT, "%,.0f", micros);
	}

	private static String mib(long bytes) {
		return (bytes < 0) ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
	}

	private static String kib(double bytes) {
		return Double.isNaN(bytes) ? "?" : String.format(Locale.ROOT, "%+.1f KiB", bytes / 1024.0);
	}

	/** Keeps a table cell on one line and short. */
	private static String cell(String text) {
		String flat = text.replace('|', '/').replace('\n', ' ');
		return (flat.length() > 80) ? flat.substring(0, 77) + "..." : flat;
	}

}
