package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ipcframework.client.IpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ipc monitor}: publishes this machine's CPU and memory use to the demo application {@code monitoring}
 * every interval, and prints the alerts it raises.
 */
@Command(name = "monitor", description = "Publish this machine's CPU and memory figures to the demo monitoring app "
		+ "and print its alerts (needs 'ipc server').")
class MonitorCommand implements Callable<Integer>, UsesDemoApps {

	static final String APP = "monitoring";

	@Spec
	CommandSpec spec;

	@Mixin
	ClientOptions client;

	@Option(names = { "-i", "--interval" }, defaultValue = "2s", converter = DurationConverter.class,
			description = "how often to publish (default: ${DEFAULT-VALUE})")
	Duration interval;

	@Option(names = { "-n", "--count" }, defaultValue = "0", description = "stop after this many samples (0: never)")
	int count;

	@Option(names = "--host", description = "the name to publish under (default: this machine's host name)")
	String host;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		String host = (this.host != null) ? this.host : InetAddress.getLocalHost().getHostName();
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		try (IpcClient ipc = this.client.connectLasting(APP)) {
			ipc.subscribe("alerts", (alert) -> print(out, "ALERT " + alert.payload().path("level").asString() + ": "
					+ alert.payload().path("host").asString() + " " + alert.payload().path("metric").asString() + " at "
					+ String.format("%.1f%%", alert.payload().path("value").asDouble()) + " (threshold "
					+ alert.payload().path("threshold").asDouble() + "%)"));
			ipc.ping().get();
			for (int sample = 1; this.count == 0 || sample <= this.count; sample++) {
				double cpu = Math.max(0, os.getCpuLoad()) * 100;
				long total = os.getTotalMemorySize();
				double memory = (total > 0) ? (total - os.getFreeMemorySize()) * 100.0 / total : 0;
				ipc.publish("metrics", Map.of("host", host, "cpu", round(cpu), "memory", round(memory)));
				print(out, String.format("%s cpu %.1f%% memory %.1f%%", host, cpu, memory));
				if (this.count == 0 || sample < this.count) {
					Thread.sleep(this.interval.toMillis());
				}
			}
			ipc.ping().get();
			return ExitCodes.OK;
		}
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	private static void print(PrintWriter out, String line) {
		synchronized (out) {
			out.println(line);
			out.flush();
		}
	}

}
