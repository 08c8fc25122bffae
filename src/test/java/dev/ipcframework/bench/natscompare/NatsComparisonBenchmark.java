package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs the same scenarios against our server (TCP and WebSocket) and against {@code nats-server}, both already
 * running as processes of their own, and prints the figures side by side with ratios. {@code bin/bench-vs-nats}
 * starts the servers and this load generator; see {@code docs/benchmarks.md}.
 * <ol>
 * <li>request/response, closed loop: 1 × 1, 16 × 32 and 256 × 1 (connections × requests in flight), against our
 * {@code demo/echo} handler and a NATS responder in this process;</li>
 * <li>fan-out from one unpaced publisher to 1 and 100 subscribers, and to 100 plus one that never reads; given a
 * cluster of ours ({@code --cluster-tcp}), also 1 → 100 with the publisher on its first node and the subscribers spread
 * over its nodes;</li>
 * <li>idle connections: many handshakes, then the server's memory per connection.</li>
 * </ol>
 * The runs that open the most connections (256 × 1, idle) come last: a server that runs out of memory there would
 * otherwise distort every run after it. Before each run the load generator waits until both servers are idle, so
 * that no run measures the backlog of the one before. Every run is bounded in time: one that does not end is
 * reported as failed and the next one starts.
 */
public final class NatsComparisonBenchmark {

	private static final int[][] REQUEST_SHAPES = { { 1, 1 }, { 16, 32 } };

	private static final int[] MANY_CONNECTIONS = { 256, 1 };

	private static final int[] FANOUT_SUBSCRIBERS = { 1, 100, 100 };

	private static final boolean[] FANOUT_STALLED = { false, false, true };

	private static final int CLUSTER_FANOUT_SUBSCRIBERS = 100;

	private static final Duration QUIET_AT_MOST = Duration.ofSeconds(30);

	private NatsComparisonBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		MachineInfo machine = MachineInfo.read(options);
		String loadBefore = MachineInfo.loadAverage();
		out.printf("ours: tcp %s, ws %s%s; NATS: %s; load average %s%n", options.ipcTcp(), options.ipcWebSocket(),
				options.webSocketPath(), options.nats(), loadBefore);
		WireProtocol tcp = new IpcTcpWire(options.ipcTcp());
		WireProtocol webSocket = new IpcWebSocketWire(options.ipcWebSocket(), options.webSocketPath());
		WireProtocol nats = new NatsWire(options.nats());
		ComparisonReport report = new ComparisonReport(out);
		NatsEchoResponder responder = null;
		String responderFailure = null;
		try {
			responder = NatsEchoResponder.start(options.nats());
		}
		catch (Exception ex) {
			responderFailure = "NATS responder: " + ex;
		}
		List<WireProtocol> clusterNodes = new ArrayList<>();
		for (InetSocketAddress node : options.clusterTcp()) {
			clusterNodes.add(new IpcTcpWire(node));
		}
		if (!clusterNodes.isEmpty()) {
			out.printf("cluster of ours: tcp %s%n", options.clusterTcp());
		}
		Runs runs = new Runs(options, tcp, webSocket, nats, clusterNodes, responderFailure, report);

		if (!options.prime().isZero()) {
			out.printf("priming: %.1f s of request/response (4 × 8) per server and transport, not counted%n",
					options.prime().toMillis() / 1000.0);
			for (WireProtocol wire : new WireProtocol[] { tcp, webSocket, nats }) {
				if (wire != nats || responderFailure == null) {
					runs.requestReply(wire, new int[] { 4, 8 }, Duration.ZERO, options.prime());
				}
			}
		}
		if (options.runs("request")) {
			out.println("request/response");
			for (int[] shape : REQUEST_SHAPES) {
				runs.requestReplyOnEach(shape);
			}
		}
		if (options.runs("fanout")) {
			out.println("fan-out");
			for (int i = 0; i < FANOUT_SUBSCRIBERS.length; i++) {
				for (WireProtocol wire : new WireProtocol[] { tcp, nats }) {
					runs.fanout(wire, FANOUT_SUBSCRIBERS[i], FANOUT_STALLED[i]);
				}
				// next to the single node's figure with the same shape
				if (!clusterNodes.isEmpty() && FANOUT_SUBSCRIBERS[i] == CLUSTER_FANOUT_SUBSCRIBERS
						&& !FANOUT_STALLED[i]) {
					runs.clusterFanout(CLUSTER_FANOUT_SUBSCRIBERS);
				}
			}
		}
		if (options.runs("request")) {
			out.println("request/response, many connections");
			runs.requestReplyOnEach(MANY_CONNECTIONS);
		}
		if (responder != null) {
			responder.close();
		}
		if (options.runs("idle")) {
			out.println("idle connections");
			runs.idle(tcp, options.ipcPid());
			runs.idle(nats, options.natsPid());
		}
		report.print(machine, loadBefore, MachineInfo.loadAverage(), options);
		// jnats and any run that had to be abandoned leave threads behind
		System.exit(0);
	}

	/** The runs, each bounded in time and started once both servers are idle. */
	private record Runs(BenchOptions options, WireProtocol tcp, WireProtocol webSocket, WireProtocol nats,
			List<WireProtocol> clusterNodes, String responderFailure, ComparisonReport report) {

		void requestReplyOnEach(int[] shape) throws InterruptedException {
			for (WireProtocol wire : new WireProtocol[] { this.tcp, this.nats, this.webSocket }) {
				if (wire == this.nats && this.responderFailure != null) {
					this.report.add(RequestReplyResult.failed(wire.name(), shape[0], shape[1], this.responderFailure),
							"");
					continue;
				}
				awaitQuietServers();
				CpuUse cpu = CpuUse.start(this.options);
				RequestReplyResult result = requestReply(wire, shape, this.options.warmup(), this.options.measure());
				this.report.add(result, cpu.end());
			}
		}

		RequestReplyResult requestReply(WireProtocol wire, int[] shape, Duration warmup, Duration measure)
				throws InterruptedException {
			RequestReplyLoad load = new RequestReplyLoad(wire, shape[0], shape[1], this.options.clientThreads());
			Duration limit = warmup.plus(measure).plusSeconds(90);
			return bounded(limit, load, () -> load.run(warmup, measure),
					(failure) -> RequestReplyResult.failed(wire.name(), shape[0], shape[1], failure));
		}

		void fanout(WireProtocol wire, int subscribers, boolean stalled) throws InterruptedException {
			awaitQuietServers();
			CpuUse cpu = CpuUse.start(this.options);
			this.report.add(fanoutRun(wire.name(), List.of(wire), subscribers, stalled), cpu.end());
		}

		/** The publisher on the first node, the subscribers in turn on each; the CPU of every node and of Redis. */
		void clusterFanout(int subscribers) throws InterruptedException {
			awaitQuietServers();
			CpuUse cpu = CpuUse.ofCluster(this.options);
			String server = ComparisonReport.cluster(this.clusterNodes.size());
			this.report.add(fanoutRun(server, this.clusterNodes, subscribers, false), cpu.end());
		}

		private FanoutResult fanoutRun(String server, List<WireProtocol> nodes, int subscribers, boolean stalled)
				throws InterruptedException {
			String channel = "fanout-" + subscribers + (stalled ? "-stalled" : "") + "-" + System.nanoTime();
			FanoutLoad load = new FanoutLoad(server, nodes, channel, subscribers, stalled,
					this.options.clientThreads(), this.options.stragglers());
			Duration limit = this.options.warmup().plus(this.options.measure()).plus(this.options.stragglers())
				.plusSeconds(90);
			return bounded(limit, load, () -> load.run(this.options.warmup(), this.options.measure()),
					(failure) -> FanoutResult.failed(server, subscribers, stalled, failure));
		}

		void idle(WireProtocol wire, long pid) throws InterruptedException {
			// the connections of the earlier runs must be gone: our server counts them against ipc.max-connections
			awaitQuietServers();
			CpuUse cpu = CpuUse.start(this.options);
			this.report.add(idleRun(wire, pid), cpu.end());
		}

		private IdleResult idleRun(WireProtocol wire, long pid) throws InterruptedException {
			IdleConnectionsLoad load = new IdleConnectionsLoad(wire, this.options.idleConnections(),
					this.options.idleThreads(), this.options.idleDeadline(), pid);
			try {
				Duration limit = this.options.idleDeadline().plusSeconds(60);
				return bounded(limit, load, load::run, (failure) -> new IdleResult(wire.name(),
						this.options.idleConnections(), 0, 0, 0, new LatencyHistogram(), -1, -1, -1, -1, failure));
			}
			finally {
				load.close();
			}
		}

		private void awaitQuietServers() throws InterruptedException {
			Thread.sleep(500);
			double waited = ServerProcess.awaitQuiet(QUIET_AT_MOST, serverPids());
			if (waited >= QUIET_AT_MOST.toSeconds()) {
				System.out.printf("  (the servers were still busy after %.0f s; starting anyway)%n", waited);
			}
		}

		/** Our server, NATS, and the cluster's nodes and Redis when given; a pid that is not known waits for nothing. */
		private long[] serverPids() {
			List<Long> pids = new ArrayList<>(List.of(this.options.ipcPid(), this.options.natsPid()));
			pids.addAll(this.options.clusterPids());
			pids.add(this.options.redisPid());
			return pids.stream().mapToLong(Long::longValue).filter((pid) -> pid > 0).toArray();
		}

	}

	/**
	 * The CPU that our server, NATS and the load generator used during a run, in cores (in a cluster run: each node,
	 * Redis and the load generator): on a 2-core machine it shows who was short of CPU, the load generator included.
	 */
	private record CpuUse(String[] names, long[] pids, double[] cpuSeconds, long start) {

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

	/**
	 * Runs one scenario on a thread of its own and waits at most limit for it; on time-out closes the load (which
	 * closes its sockets, so that blocked threads return) and reports the failure instead of hanging.
	 */
	private static <T> T bounded(Duration limit, AutoCloseable load, Callable<T> run, Function<String, T> failed)
			throws InterruptedException {
		FutureTask<T> task = new FutureTask<>(run);
		Thread thread = new Thread(task, "scenario");
		thread.setDaemon(true);
		thread.start();
		try {
			return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			closeQuietly(load);
			thread.interrupt();
			return failed.apply("timed out after " + limit.toSeconds() + " s");
		}
		catch (ExecutionException ex) {
			closeQuietly(load);
			return failed.apply(String.valueOf(ex.getCause()));
		}
	}

	private static void closeQuietly(AutoCloseable load) {
		try {
			load.close();
		}
		catch (Exception ex) {
			// the run failed already
		}
	}

}
