package dev.ipcframework.bench.natscompare;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load generator's arguments, {@code --name=value}; a later one wins, so a script's defaults can be overridden
 * by arguments appended after them. Times are in seconds and may have decimals.
 */
record BenchOptions(InetSocketAddress ipcTcp, InetSocketAddress ipcWebSocket, String webSocketPath,
		InetSocketAddress nats, long ipcPid, long natsPid, Duration prime, Duration warmup, Duration measure,
		Duration stragglers,
		int idleConnections, int idleThreads, Duration idleDeadline, int clientThreads, Set<String> scenarios,
		List<RequestShape> requestShapes,
		String serverJava, String natsVersion, List<InetSocketAddress> clusterTcp, List<Long> clusterPids,
		long redisPid) {

	static final String USAGE = """
			NatsComparisonBenchmark --ipc-tcp=HOST:PORT --ipc-ws=HOST:PORT --nats=HOST:PORT [options]
			  --ipc-pid=PID --nats-pid=PID   the servers' processes, for their memory (VmRSS)
			  --prime=2                      seconds of request/response per server before the first run, not counted
			  --warmup=3 --measure=5         seconds of load before and while measuring, per run
			  --stragglers=10                seconds a fan-out run waits for late deliveries
			  --idle=10000 --idle-threads=8  idle connections to open per server, and the threads opening them
			  --idle-deadline=120            seconds the idle connections may take to open
			  --client-threads=2             selector threads of the requesters and of the subscribers
			  --only=request,fanout,idle     the scenarios to run
			  --shapes=1x1,16x32,256x1       the request/response runs: connections x requests in flight on each
			  --ws-path=/ipc --server-java=TEXT --nats-version=TEXT
			  --cluster-tcp=HOST:PORT,HOST:PORT  TCP of the nodes of a cluster of ours: adds a fan-out 1→100 with the
			                                     publisher on the first node and the subscribers spread over all
			  --cluster-pids=PID,PID --redis-pid=PID  the nodes' and Redis's processes, for their CPU
			""";

	private static final Set<String> SCENARIOS = Set.of("request", "fanout", "idle");

	static BenchOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				throw new IllegalArgumentException("");
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("not --name=value: " + arg);
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		Set<String> scenarios = Set.of(values.getOrDefault("only", String.join(",", SCENARIOS)).split(","));
		if (!SCENARIOS.containsAll(scenarios)) {
			throw new IllegalArgumentException("--only takes request, fanout, idle: " + scenarios);
		}
		BenchOptions options = new BenchOptions(address(values.remove("ipc-tcp")), address(values.remove("ipc-ws")),
				values.getOrDefault("ws-path", "/ipc"), address(values.remove("nats")),
				Long.parseLong(values.getOrDefault("ipc-pid", "-1")),
				Long.parseLong(values.getOrDefault("nats-pid", "-1")), seconds(values.getOrDefault("prime", "2")),
				seconds(values.getOrDefault("warmup", "3")),
				seconds(values.getOrDefault("measure", "5")), seconds(values.getOrDefault("stragglers", "10")),
				Integer.parseInt(values.getOrDefault("idle", "10000")),
				Integer.parseInt(values.getOrDefault("idle-threads", "8")),
				seconds(values.getOrDefault("idle-deadline", "120")),
				Integer.parseInt(values.getOrDefault("client-threads", "2")), scenarios,
				RequestShape.parseList(values.getOrDefault("shapes", "1x1,16x32,256x1")),
				values.getOrDefault("server-java", System.getenv().getOrDefault("BENCH_SERVER_JAVA", "(not given)")),
				values.getOrDefault("nats-version", System.getenv().getOrDefault("BENCH_NATS_VERSION", "(not given)")),
				addresses(values.remove("cluster-tcp")), pids(values.remove("cluster-pids")),
				Long.parseLong(values.getOrDefault("redis-pid", "-1")));
		for (String known : new String[] { "ws-path", "ipc-pid", "nats-pid", "prime", "warmup", "measure",
				"stragglers", "idle", "idle-threads", "idle-deadline", "client-threads", "only", "shapes", "server-java",
				"nats-version", "redis-pid" }) {
			values.remove(known);
		}
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown option(s): " + values.keySet());
		}
		return options;
	}

	boolean runs(String scenario) {
		return this.scenarios.contains(scenario);
	}

	private static InetSocketAddress address(String hostAndPort) {
		if (hostAndPort == null) {
			throw new IllegalArgumentException("--ipc-tcp, --ipc-ws and --nats are required");
		}
		int colon = hostAndPort.lastIndexOf(':');
		return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
	}

	/** A comma-separated list of HOST:PORT; none when not given. */
	private static List<InetSocketAddress> addresses(String list) {
		List<InetSocketAddress> addresses = new ArrayList<>();
		if (list != null && !list.isBlank()) {
			for (String hostAndPort : list.split(",")) {
				addresses.add(address(hostAndPort.trim()));
			}
		}
		return List.copyOf(addresses);
	}

	private static List<Long> pids(String list) {
		List<Long> pids = new ArrayList<>();
		if (list != null && !list.isBlank()) {
			for (String pid : list.split(",")) {
				pids.add(Long.parseLong(pid.trim()));
			}
		}
		return List.copyOf(pids);
	}

	private static Duration seconds(String value) {
		return Duration.ofNanos(Math.round(Double.parseDouble(value) * 1e9));
	}

}
