package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the load generator can see of a server process from {@code /proc}: its resident memory ({@code VmRSS}) and
 * the CPU time it used, which tells when it has finished the work a run left it (a fan-out backlog, closing
 * connections) so that the next run does not measure it.
 */
final class ServerProcess {

	/** Clock ticks per second of {@code /proc/<pid>/stat}: 100 on Linux. */
	private static final int TICKS_PER_SECOND = 100;

	/** The first heap's figure of {@code GC.heap_info}: "garbage-first heap total …, used 57025K". */
	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

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
	 * The heap a Java server's live objects take, after a full collection ({@code jcmd <pid> GC.run}, then
	 * {@code GC.heap_info}); -1 for a server of another kind, or when {@code jcmd} cannot tell. The benchmark runs our
	 * server with its whole heap committed and touched from the start, so that its resident memory does not drift
	 * with the heap's size; what connections hold in the heap is counted from here instead.
	 */
	static long liveHeapBytes(long pid) {
		boolean isJava = ProcessHandle.of(pid)
			.flatMap((process) -> process.info().command())
			.map((command) -> Path.of(command).getFileName().toString().equals("java"))
			.orElse(false);
		if (!isJava || jcmd(pid, "GC.run") == null) {
			return -1;
		}
		String info = jcmd(pid, "GC.heap_info");
		Matcher used = (info != null) ? HEAP_USED.matcher(info) : null;
		return (used != null && used.find()) ? Long.parseLong(used.group(1)) * 1024 : -1;
	}

	/** What a {@code jcmd} command printed, or null when it failed or took over 30 s. */
	private static @Nullable String jcmd(long pid, String command) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return null;
			}
			return (process.exitValue() == 0) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
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
