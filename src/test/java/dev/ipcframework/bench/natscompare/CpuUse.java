package dev.ipcframework.bench.natscompare;

import java.util.Locale;

/**
 * The CPU that our server, NATS and the load generator used during a run, in cores (in a cluster run: each node,
 * Redis and the load generator): on a 2-core machine it shows who was short of CPU, the load generator included.
 */
record CpuUse(String[] names, long[] pids, double[] cpuSeconds, long start) {

	static CpuUse start(BenchOptions options) {
		return of(new String[] { "ours", "NATS", "load generator" }, options.ipcPid(), options.natsPid(),
				ProcessHandle.current().pid());
	}

	static CpuUse ofCluster(BenchOptions options) {
		int nodes = options.clusterTcp().size();
		String[] names = new String[nodes + 2];
		long[] pids = new long[nodes + 2];
		for (int i = 0; i < nodes; i++) {
			names[i] = "node " + (char) ('A' + i);
			pids[i] = (i < options.clusterPids().size()) ? options.clusterPids().get(i) : -1;
		}
		names[nodes] = "Redis";
		pids[nodes] = options.redisPid();
		names[nodes + 1] = "load generator";
		pids[nodes + 1] = ProcessHandle.current().pid();
		return of(names, pids);
	}

	private static CpuUse of(String[] names, long... pids) {
		double[] cpuSeconds = new double[pids.length];
		for (int i = 0; i < pids.length; i++) {
			cpuSeconds[i] = ServerProcess.cpuSeconds(pids[i]);
		}
		return new CpuUse(names, pids, cpuSeconds, System.nanoTime());
	}

	String end() {
		double seconds = (System.nanoTime() - this.start) / 1e9;
		StringBuilder text = new StringBuilder("CPU cores used: ");
		for (int i = 0; i < this.pids.length; i++) {
			double used = ServerProcess.cpuSeconds(this.pids[i]);
			text.append(this.names[i]).append(' ').append((used < 0 || this.cpuSeconds[i] < 0) ? "?"
					: String.format(Locale.ROOT, "%.2f", (used - this.cpuSeconds[i]) / seconds));
			text.append((i < this.pids.length - 1) ? ", " : "");
		}
		return text.append("; load average ").append(MachineInfo.loadAverage()).toString();
	}

}
