package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Collects the runs' results, prints a line per run as it ends, and at the end prints markdown: a detailed table
 * per scenario, then the summary (scenario | ours | NATS | ratio) and the machine, ready to paste into
 * {@code docs/benchmarks.md}. Ratios are ours / NATS (above 1: ours is higher), and for WebSocket WS / TCP. Each
 * scenario's part is a class of its own; a fan-out across a cluster of ours is reported as its own server
 * ({@link #cluster}), next to the single node's figure.
 */
final class ComparisonReport {

	private final PrintStream out;

	private final RequestReplyReport requests;

	private final FanoutReport fanouts;

	private final IdleReport idles;

	ComparisonReport(PrintStream out) {
		this.out = out;
		this.requests = new RequestReplyReport(out);
		this.fanouts = new FanoutReport(out);
		this.idles = new IdleReport(out);
	}

	/** The server name of a fan-out across a cluster of ours. */
	static String cluster(int nodes) {
		return FanoutReport.cluster(nodes);
	}

	/** Prints the result of a run as it ends; the note says what else was seen meanwhile (CPU, load). */
	void add(RequestReplyResult result, String note) {
		this.requests.add(result, note);
	}

	void add(FanoutResult result, String note) {
		this.fanouts.add(result, note);
	}

	void add(IdleResult result, String note) {
		this.idles.add(result, note);
	}

	void print(MachineInfo machine, String loadBefore, String loadAfter, BenchOptions options) {
		this.out.println();
		this.requests.printTable();
		this.fanouts.printTable();
		this.idles.printTable();
		SummaryTable summary = new SummaryTable(this.out);
		summary.printHeader();
		this.requests.summarize(summary);
		this.fanouts.summarize(summary);
		this.idles.summarize(summary);
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

}
