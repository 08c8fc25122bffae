package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * <li>fan-out from one unpaced publisher to 1 and 100 subscribers, and to 100 plus one that never reads;</li>
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
		Runs runs = new Runs(options, tcp, webSocket, nats, responderFailure, report);

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
			String responderFailure, ComparisonReport report) {

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
			this.report.add(fanoutRun(wire, subscribers, stalled), cpu.end());
		}

		private FanoutResult fanoutRun(WireProtocol wire, int subscribers, boolean stalled)
				throws InterruptedException {
			String channel = "fanout-" + subscribers + (stalled ? "-stalled" : "") + "-" + System.nanoTime();
			FanoutLoad load = new FanoutLoad(wire, channel, subscribers, stalled, this.options.clientThreads(),
					this.options.stragglers());
			Duration limit = this.options.warmup().plus(this.options.measure()).plus(this.options.stragglers())
				.plusSeconds(90);
			return bounded(limit, load, () -> load.run(this.options.warmup(), this.options.measure()),
					(failure) -> FanoutResult.failed(wire.name(), subscribers, stalled, failure));
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
						this.options.idleConnections(), 0, 0, 0, new LatencyHistogram(), -1, -1, failure));
			}
			finally {
				load.close();
			}
		}

		private void awaitQuietServers() throws InterruptedException {
			Thread.sleep(500);
			double waited = ServerProcess.awaitQuiet(QUIET_AT_MOST, this.options.ipcPid(), this.options.natsPid());
			if (waited >= QUIET_AT_MOST.toSeconds()) {
				System.out.printf("  (the servers were still busy after %.0f s; starting anyway)%n", waited);
			}
		}

	}

	/**
	 * The CPU that our server, NATS and the load generator used during a run, in cores: on a 2-core machine it shows
	 * who was short of CPU, the load generator included.
	 */
	private record CpuUse(long[] pids, double[] cpuSeconds, long start) {

		static CpuUse start(BenchOptions options) {
			long[] pids = { options.ipcPid(), options.natsPid(), ProcessHandle.current().pid() };
			double[] cpuSeconds = new double[pids.length];
			for (int i = 0; i < pids.length; i++) {
				cpuSeconds[i] = ServerProcess.cpuSeconds(pids[i]);
			}
			return new CpuUse(pids, cpuSeconds, System.nanoTime());
		}

		String end() {
			double seconds = (System.nanoTime() - this.start) / 1e9;
			String[] names = { "ours", "NATS", "load generator" };
			StringBuilder text = new StringBuilder("CPU cores used: ");
			for (int i = 0; i < this.pids.length; i++) {
				double used = ServerProcess.cpuSeconds(this.pids[i]);
				text.append(names[i]).append(' ').append((used < 0 || this.cpuSeconds[i] < 0) ? "?"
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
