package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;

/** The summary at the end of the report: a row per figure, ours next to NATS's, with their ratio. */
final class SummaryTable {

	private final PrintStream out;

	SummaryTable(PrintStream out) {
		this.out = out;
	}

	void printHeader() {
		this.out.println("### Summary (ratio = ours / NATS; WebSocket rows: WS / TCP)");
		this.out.println();
		this.out.println("| scenario | ours | NATS | ratio |");
		this.out.println("|---|---|---|---|");
	}

	void row(String scenario, String ours, String nats, String ratio) {
		this.out.printf("| %s | %s | %s | %s |%n", scenario, ours, nats, ratio);
	}

}
