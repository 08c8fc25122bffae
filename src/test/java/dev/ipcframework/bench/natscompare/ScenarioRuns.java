package dev.ipcframework.bench.natscompare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** The comparison's runs, each bounded in time and started once both servers are idle; results go to the report. */
record ScenarioRuns(BenchOptions options, WireProtocol tcp, WireProtocol webSocket, WireProtocol nats,
		List<WireProtocol> clusterNodes, String responderFailure, ComparisonReport report) {

	private static final Duration QUIET_AT_MOST = Duration.ofSeconds(30);

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
