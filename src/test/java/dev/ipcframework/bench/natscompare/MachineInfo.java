package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the figures were measured on: cores, CPU model, memory, the servers' versions and the load average (on a
 * shared machine the load average says as much about the figures as the code does).
 */
record MachineInfo(int cores, String cpu, String memory, String serverJava, String loadGeneratorJava,
		String natsVersion) {

	static MachineInfo read(BenchOptions options) {
		String cpu = firstValue("/proc/cpuinfo", "model name");
		String memory = gib(firstValue("/proc/meminfo", "MemTotal"));
		String loadGenerator = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
		return new MachineInfo(Runtime.getRuntime().availableProcessors(), cpu, memory, options.serverJava(),
				loadGenerator, options.natsVersion());
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	/** "24684084 kB" as "23.5 GiB". */
	private static String gib(String kilobytes) {
		try {
			return String.format(java.util.Locale.ROOT, "%.1f GiB",
					Long.parseLong(kilobytes.replaceAll("[^0-9]", "")) / 1048576.0);
		}
		catch (NumberFormatException ex) {
			return kilobytes;
		}
	}

	private static String firstValue(String file, String key) {
		try {
			List<String> lines = Files.readAllLines(Path.of(file));
			for (String line : lines) {
				if (line.startsWith(key)) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return "?";
	}

}
