package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the load generator can see of a server process from {@code /proc}: its resident memory ({@code VmRSS}) and
 * the CPU time it used, which tells when it has finished the work a run left it (a fan-out backlog, closing
 * connections) so that the next run does not measure it.
 */
final class ServerProcess {

	/** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on Linux. */
	private static final int TICKS_PER_SECOND = 100;

	private ServerProcess() {
	}

	/** Bytes resident, or -1 when the pid is unknown or the process is gone. */
	static long rssBytes(long pid) {
		if (pid <= 0) {
			return -1;
		}
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// gone, or not Linux
		}
		return -1;
	}

	/**
	 * Asks a Java server for a full garbage collection and waits for it ({@code jcmd <pid> GC.run}); does nothing
	 * for a server of another kind. G1 gives back heap it no longer needs at a full collection, and takes more as
	 * a run allocates: without a collection on both sides, a figure of resident memory before and after some load
	 * also says how far the heap happened to grow or shrink in between (on Java 17 it hid three quarters of what
	 * 10,000 reading threads cost).
	 */
	static void collectGarbage(long pid) {
		boolean isJava = ProcessHandle.of(pid)
			.flatMap((process) -> process.info().command())
			.map((command) -> Path.of(command).getFileName().toString().equals("java"))
			.orElse(false);
		if (!isJava) {
			return;
		}
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (IOException ex) {
			// no jcmd in this JDK: the figure then includes the heap's drift
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** User plus system CPU time in seconds, or -1. */
	static double cpuSeconds(long pid) {
		long ticks = cpuTicks(pid);
		return (ticks < 0) ? -1 : (double) ticks / TICKS_PER_SECOND;
	}

	/** User plus system CPU time in clock ticks, or -1. */
	private static long cpuTicks(long pid) {
		if (pid <= 0) {
			return -1;
		}
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// the command name may contain spaces: count fields after its closing parenthesis
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Waits until the processes together use less than a tenth of a core over half a second, or at most max.
	 * Returns the seconds waited.
	 */
	static double awaitQuiet(Duration max, long... pids) throws InterruptedException {
		long start = System.nanoTime();
		long deadline = start + max.toNanos();
		long before = totalTicks(pids);
		while (before >= 0 && System.nanoTime() < deadline) {
			Thread.sleep(500);
			long after = totalTicks(pids);
			if (after < 0 || after - before < TICKS_PER_SECOND / 20) {
				break;
			}
			before = after;
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static long totalTicks(long... pids) {
		long total = 0;
		for (long pid : pids) {
			long ticks = cpuTicks(pid);
			if (ticks < 0) {
				return -1;
			}
			total += ticks;
		}
		return total;
	}

}
