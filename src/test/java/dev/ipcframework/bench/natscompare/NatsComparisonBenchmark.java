package dev.ipcframework.bench.natscompare;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same scenarios against our server (TCP and WebSocket) and against {@code nats-server}, both already
 * running as processes of their own, and prints the figures side by side with ratios. {@code bin/bench-vs-nats}
 * starts the servers and this load generator; see {@code docs/benchmarks.md}.
 * <ol>
 * <li>request/response, closed loop: 1 × 1, 16 × 32 and 256 × 1 (connections × requests in flight; {@code --shapes}
 * picks others), against our {@code demo/echo} handler and a NATS responder in this process;</li>
 * <li>fan-out from one unpaced publisher to 1 and 100 subscribers, and to 100 plus one that never reads; given a
 * cluster of ours ({@code --cluster-tcp}), also 1 → 100 with the publisher on its first node and the subscribers spread
 * over its nodes;</li>
 * <li>idle connections, over TCP to both servers and then over WebSocket to ours: many handshakes, then the server's
 * memory per connection.</li>
 * </ol>
 * The runs that open the most connections (256 × 1, idle) come last: a server that runs out of memory there would
 * otherwise distort every run after it. Before each run the load generator waits until both servers are idle, so
 * that no run measures the backlog of the one before. Every run is bounded in time: one that does not end is
 * reported as failed and the next one starts.
 */
public final class NatsComparisonBenchmark {

	private static final int[] FANOUT_SUBSCRIBERS = { 1, 100, 100 };

	private static final boolean[] FANOUT_STALLED = { false, false, true };

	private static final int CLUSTER_FANOUT_SUBSCRIBERS = 100;

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
		ScenarioRuns runs = new ScenarioRuns(options, tcp, webSocket, nats, clusterNodes, responderFailure, report);

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
			for (RequestShape shape : options.requestShapes()) {
				if (!shape.manyConnections()) {
					runs.requestReplyOnEach(shape.asArray());
				}
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
		if (options.runs("request") && options.requestShapes().stream().anyMatch(RequestShape::manyConnections)) {
			out.println("request/response, many connections");
			for (RequestShape shape : options.requestShapes()) {
				if (shape.manyConnections()) {
					runs.requestReplyOnEach(shape.asArray());
				}
			}
		}
		if (responder != null) {
			responder.close();
		}
		if (options.runs("idle")) {
			out.println("idle connections");
			runs.idle(tcp, options.ipcPid());
			runs.idle(nats, options.natsPid());
			// last: each WebSocket session holds the container's buffers, and a heap too small for all of them
			// must not distort any other run
			runs.idle(webSocket, options.ipcPid());
		}
		report.print(machine, loadBefore, MachineInfo.loadAverage(), options);
		// jnats and any run that had to be abandoned leave threads behind
		System.exit(0);
	}

}
