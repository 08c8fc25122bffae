package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.ipcframework.bench.natscompare.ReportCells.NONE;
import static dev.ipcframework.bench.natscompare.ReportCells.cell;
import static dev.ipcframework.bench.natscompare.ReportCells.ratio;
import static dev.ipcframework.bench.natscompare.ReportCells.yesNo;

/**
 * The fan-out part of the report: a line per run, the detailed table, and the summary's rows. A fan-out across a
 * cluster of ours is reported as its own server ({@link #cluster}), next to the single node's figure.
 */
final class FanoutReport {

	private final PrintStream out;

	private final List<FanoutResult> fanouts = new ArrayList<>();

	/** What else was seen during the cluster runs: the CPU of its nodes and of Redis. */
	private final List<String> clusterNotes = new ArrayList<>();

	FanoutReport(PrintStream out) {
		this.out = out;
	}

	/** The server name of a fan-out across a cluster of ours. */
	static String cluster(int nodes) {
		return nodes + " nodes";
	}

	/** Prints the result of a run as it ends; the note says what else was seen meanwhile (CPU, load). */
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

	void printTable() {
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

	/** Each of our runs against NATS's of the same shape; a cluster's also against the single node's. */
	void summarize(SummaryTable summary) {
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
			summary.row(name + ": delivered/s", delivered(ours), delivered(nats), ratio);
			summary.row(name + ": lost / subscribers disconnected", losses(ours), losses(nats), NONE);
			if (ours.withStalled()) {
				summary.row(name + ": healthy got all / in order", usable(ours) ? completeInOrder(ours) : NONE,
						usable(nats) ? completeInOrder(nats) : NONE, NONE);
				summary.row(name + ": stalled one cut off", usable(ours) ? stalled(ours) : NONE,
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

}
