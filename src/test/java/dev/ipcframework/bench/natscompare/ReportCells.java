package dev.ipcframework.bench.natscompare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the report writes figures: microseconds, memory, ratios, and text kept fit for a markdown cell. */
final class ReportCells {

	/** A cell without a figure. */
	static final String NONE = "—";

	private ReportCells() {
	}

	/** p50 / p99 / p99.9 in µs. */
	static String latencies(LatencyHistogram l) {
		return micros(l.percentileNanos(50)) + " / " + micros(l.percentileNanos(99)) + " / "
				+ micros(l.percentileNanos(99.9));
	}

	static String ratio(double ours, double theirs) {
		if (theirs <= 0) {
			return NONE;
		}
		double ratio = ours / theirs;
		// two significant digits for small ratios, which "%.2f" would show as 0.00
		return (ratio >= 0.1 || ratio == 0) ? String.format(Locale.ROOT, "%.2f", ratio)
				: new BigDecimal(ratio).round(new MathContext(2)).toPlainString();
	}

	static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	static String micros(long nanos) {
		double micros = nanos / 1_000.0;
		return (micros < 10) ? String.format(Locale.ROOT, "%.1f", micros) : String.format(Locale.ROOT, "%,.0f", micros);
	}

	static String mib(long bytes) {
		return (bytes < 0) ? "?" : String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
	}

	static String kib(double bytes) {
		return Double.isNaN(bytes) ? "?" : String.format(Locale.ROOT, "%+.1f KiB", bytes / 1024.0);
	}

	/** Keeps a table cell on one line and short. */
	static String cell(String text) {
		String flat = text.replace('|', '/').replace('\n', ' ');
		return (flat.length() > 80) ? flat.substring(0, 77) + "..." : flat;
	}

}
