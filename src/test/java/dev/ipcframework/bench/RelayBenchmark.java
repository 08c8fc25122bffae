package dev.ipcframework.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testapp.TestIpcApplication;
import dev.ipcframework.testsupport.PythonStyleClient;
import dev.ipcframework.testsupport.RawClient;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Request/response over TCP, answered directly by an {@code @IpcHandler} or relayed to serving clients, with 1
 * and 16 requester connections each keeping one request in flight. Prints throughput and latency percentiles.
 * <p>
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.ipcframework.bench.RelayBenchmark [-Dexec.args="<seconds per run> <responders>"]}
 */
public final class RelayBenchmark {

	private static final String APP = TestHandlers.APP;

	private static final String RELAYED = "bench-relayed";

	private RelayBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Duration run = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 5);
		int responderCount = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		try (ConfigurableApplicationContext server = new SpringApplication(TestIpcApplication.class).run(
				"--ipc.tcp.port=0", "--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off")) {
			int port = tcpPort(server.getBean(AbstractServerConnectionFactory.class));
			List<PythonStyleClient> responders = new ArrayList<>();
			for (int i = 0; i < responderCount; i++) {
				PythonStyleClient responder = new PythonStyleClient(RawClient.tcp(port), APP);
				responder.serve(RELAYED, (payload) -> payload).get(10, TimeUnit.SECONDS);
				responders.add(responder);
			}
			System.out.printf("TCP request/response, %d ms per run after a %d ms warm-up; relayed path: %d "
					+ "Python-style responders%n", run.toMillis(), warmUp(run).toMillis(), responderCount);
			System.out.printf("%-8s %-12s %12s %10s %10s %10s %10s%n", "path", "connections", "requests/s",
					"p50 us", "p90 us", "p99 us", "max us");
			for (int connections : new int[] { 1, 16 }) {
				for (String channel : new String[] { "echo", RELAYED }) {
					Result result = measure(port, channel, connections, run);
					System.out.printf("%-8s %-12d %12.0f %10d %10d %10d %10d%n",
							channel.equals(RELAYED) ? "relayed" : "direct", connections, result.throughput(),
							result.percentile(50), result.percentile(90), result.percentile(99), result.max());
				}
			}
			responders.forEach(PythonStyleClient::close);
		}
	}

	private static Duration warmUp(Duration run) {
		return run.dividedBy(2);
	}

	private static Result measure(int port, String channel, int connections, Duration run) throws Exception {
		List<RawClient> clients = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			RawClient client = RawClient.tcp(port);
			client.connect(APP);
			clients.add(client);
		}
		ExecutorService pool = Executors.newFixedThreadPool(connections);
		try {
			List<Future<long[]>> runs = new ArrayList<>();
			for (RawClient client : clients) {
				runs.add(pool.submit(() -> {
					loop(client, channel, warmUp(run));
					return loop(client, channel, run);
				}));
			}
			long[][] perClient = new long[connections][];
			for (int i = 0; i < connections; i++) {
				perClient[i] = runs.get(i).get();
			}
			long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).sorted().toArray();
			return new Result(all, run);
		}
		finally {
			pool.shutdownNow();
			clients.forEach(RawClient::close);
		}
	}

	/** One request in flight at a time; returns each round trip's latency in nanoseconds. */
	private static long[] loop(RawClient client, String channel, Duration run) {
		Map<String, Object> payload = Map.of("text", "benchmark", "n", 42);
		long[] latencies = new long[1 << 16];
		int count = 0;
		long end = System.nanoTime() + run.toNanos();
		while (System.nanoTime() < end) {
			long start = System.nanoTime();
			JsonNode response = client.awaitResponse(client.send(channel, "request", payload));
			long elapsed = System.nanoTime() - start;
			if (response.path("payload").has("error")) {
				throw new IllegalStateException("benchmark request failed: " + response);
			}
			if (count == latencies.length) {
				latencies = Arrays.copyOf(latencies, count * 2);
			}
			latencies[count++] = elapsed;
		}
		return Arrays.copyOf(latencies, count);
	}

	private static int tcpPort(AbstractServerConnectionFactory factory) throws InterruptedException {
		while (!factory.isListening()) {
			Thread.sleep(10);
		}
		return factory.getPort();
	}

	private record Result(long[] sortedNanos, Duration run) {

		double throughput() {
			return this.sortedNanos.length / (this.run.toNanos() / 1e9);
		}

		long percentile(int p) {
			int index = (int) Math.ceil(p / 100.0 * this.sortedNanos.length) - 1;
			return this.sortedNanos[Math.max(0, index)] / 1000;
		}

		long max() {
			return this.sortedNanos[this.sortedNanos.length - 1] / 1000;
		}

	}

}
