package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.ipcframework.bench.natscompare.ReportCells.NONE;
import static dev.ipcframework.bench.natscompare.ReportCells.cell;
import static dev.ipcframework.bench.natscompare.ReportCells.kib;
import static dev.ipcframework.bench.natscompare.ReportCells.mib;
import static dev.ipcframework.bench.natscompare.ReportCells.micros;
import static dev.ipcframework.bench.natscompare.ReportCells.ratio;

/** The idle-connections part of the report: a line per run, the detailed table, and the summary's rows. */
final class IdleReport {

	private final PrintStream out;

	private final List<IdleResult> idles = new ArrayList<>();

	IdleReport(PrintStream out) {
		this.out = out;
	}

	/** Prints the result of a run as it ends; the note says what else was seen meanwhile (CPU, load). */
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

	void printTable() {
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
					serverCell(r), r.opened(), r.wanted(), r.failed(),
					(r.firstFailure() != null) ? " (" + cell(r.firstFailure()) + ")" : "", r.seconds(),
					r.handshakesPerSecond(), micros(l.percentileNanos(50)), micros(l.percentileNanos(99)),
					micros(l.percentileNanos(99.9)), mib(r.rssBefore()), mib(r.rssAfter()), kib(r.rssPerConnection()));
		}
		this.out.println();
	}

	/** Our TCP run against NATS's, then our WebSocket run against our TCP run. */
	void summarize(SummaryTable summary) {
		IdleResult ours = find("TCP");
		IdleResult nats = find("NATS");
		if (ours == null && nats == null) {
			return;
		}
		String name = String.format(Locale.ROOT, "idle %,d", (ours != null) ? ours.wanted() : nats.wanted());
		summary.row(name + ": connections open", (ours != null) ? String.format("%,d", ours.opened()) : NONE,
				(nats != null) ? String.format("%,d", nats.opened()) : NONE,
				(ours != null && nats != null) ? ratio(ours.opened(), nats.opened()) : NONE);
		summary.row(name + ": handshakes/s", (ours != null) ? String.format("%,.0f", ours.handshakesPerSecond()) : NONE,
				(nats != null) ? String.format("%,.0f", nats.handshakesPerSecond()) : NONE,
				(ours != null && nats != null) ? ratio(ours.handshakesPerSecond(), nats.handshakesPerSecond()) : NONE);
		summary.row(name + ": handshake p99 / p99.9 µs", handshakeTail(ours), handshakeTail(nats),
				(ours != null && nats != null) ? ratio(ours.handshakes().percentileNanos(99),
						nats.handshakes().percentileNanos(99)) + " / " + ratio(ours.handshakes().percentileNanos(99.9),
								nats.handshakes().percentileNanos(99.9)) : NONE);
		summary.row(name + ": server RSS growth per connection", (ours != null) ? kib(ours.rssPerConnection()) : NONE,
				(nats != null) ? kib(nats.rssPerConnection()) : NONE,
				(ours != null && nats != null && nats.rssPerConnection() > 0)
						? ratio(ours.rssPerConnection(), nats.rssPerConnection()) : NONE);
		IdleResult ws = find("WebSocket");
		if (ws == null) {
			return;
		}
		String wsName = String.format(Locale.ROOT, "idle %,d WS", ws.wanted());
		summary.row(wsName + ": connections open", String.format("%,d", ws.opened()), NONE,
				(ours != null) ? "WS/TCP " + ratio(ws.opened(), ours.opened()) : NONE);
		summary.row(wsName + ": handshakes/s", String.format("%,.0f", ws.handshakesPerSecond()), NONE,
				(ours != null) ? "WS/TCP " + ratio(ws.handshakesPerSecond(), ours.handshakesPerSecond()) : NONE);
		summary.row(wsName + ": server RSS growth per connection", kib(ws.rssPerConnection()), NONE,
				(ours != null && ours.rssPerConnection() > 0)
						? "WS/TCP " + ratio(ws.rssPerConnection(), ours.rssPerConnection()) : NONE);
	}

	private IdleResult find(String server) {
		for (IdleResult r : this.idles) {
			if (r.server().equals(server)) {
				return r;
			}
		}
		return null;
	}

	private static String serverCell(IdleResult r) {
		return switch (r.server()) {
			case "NATS" -> "NATS";
			case "TCP" -> "ours";
			default -> "ours, " + r.server();
		};
	}

	private static String handshakeTail(IdleResult r) {
		return (r == null || r.opened() == 0) ? NONE
				: micros(r.handshakes().percentileNanos(99)) + " / " + micros(r.handshakes().percentileNanos(99.9));
	}

}
