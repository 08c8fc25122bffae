package dev.ipcframework.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar, redrawn in place with a carriage return.
 */
final class ProgressBar {

	private static final int WIDTH = 30;

	private final PrintWriter out;

	private final String label;

	private final long total;

	ProgressBar(PrintWriter out, String label, long total) {
		this.out = out;
		this.label = label;
		this.total = total;
	}

	void update(long done) {
		int percent = (this.total == 0) ? 100 : (int) (done * 100 / this.total);
		int filled = percent * WIDTH / 100;
		this.out.print("\r" + this.label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent
				+ "% " + done + "/" + this.total + " bytes");
		if (done >= this.total) {
			this.out.println();
		}
		this.out.flush();
	}

}
