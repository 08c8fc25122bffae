package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.Options;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ipc bench}: a load generator. Request/response throughput and latency percentiles with 1 and 16
 * connections and 1 and 32 requests in flight per connection, then publish/subscribe fan-out to 1, 10 and 100
 * subscribers with 100-byte and 4 KiB payloads; for every {@code --url} given. The request runs need a request
 * handler that echoes ({@code ipc server} has {@code demo/echo}).
 */
@Command(name = "bench", description = "Measure request/response and publish/subscribe fan-out (e.g. against 'ipc server').")
class BenchCommand implements Callable<Integer>, UsesDemoApps {

	@Spec
	CommandSpec spec;

	@Option(names = { "-u", "--url" }, defaultValue = "tcp://localhost:8888",
			description = "server URL; repeat for several (default: ${DEFAULT-VALUE})")
	List<String> urls;

	@Option(names = "--app", defaultValue = "demo", description = "application (default: ${DEFAULT-VALUE})")
	String app;

	@Option(names = "--channel", defaultValue = "echo", description = "echoing request channel (default: ${DEFAULT-VALUE})")
	String channel;

	@Option(names = { "-d", "--duration" }, defaultValue = "5s", converter = DurationConverter.class,
			description = "measured time per run (default: ${DEFAULT-VALUE})")
	Duration duration;

	@Option(names = "--warmup", defaultValue = "1s", converter = DurationConverter.class,
			description = "unmeasured time before each run (default: ${DEFAULT-VALUE})")
	Duration warmup;

	@Option(names = "--only", description = "request or fanout (default: both)")
	String only;

	@Option(names = "--connections", split = ",", defaultValue = "1,16", description = "request runs: connections")
	int[] connections;

	@Option(names = "--in-flight", split = ",", defaultValue = "1,32", description = "request runs: requests in flight per connection")
	int[] inFlight;

	@Option(names = "--subscribers", split = ",", defaultValue = "1,10,100", description = "fan-out runs: subscribers")
	int[] subscribers;

	@Option(names = "--sizes", split = ",", defaultValue = "100,4096", description = "fan-out runs: payload bytes")
	int[] sizes;

	private PrintWriter out;

	@Override
	public Integer call() throws Exception {
		this.out = this.spec.commandLine().getOut();
		for (String url : this.urls) {
			if (this.only == null || this.only.equals("request")) {
				print("%-5s %-22s %12s %9s %9s %9s %9s", "url", "request: conns x flight", "req/s", "p50 us", "p90 us",
						"p99 us", "max us");
				for (int connectionCount : this.connections) {
					for (int flight : this.inFlight) {
						requestRun(url, connectionCount, flight);
					}
				}
			}
			if (this.only == null || this.only.equals("fanout")) {
				print("%-5s %-22s %12s %9s %9s %9s %9s", "url", "fan-out: subs x bytes", "deliveries/s", "p50 us",
						"p90 us", "p99 us", "max us");
				for (int subscriberCount : this.subscribers) {
					for (int size : this.sizes) {
						fanoutRun(url, subscriberCount, size);
					}
				}
			}
		}
		return ExitCodes.OK;
	}

	private void requestRun(String url, int connectionCount, int flight) throws Exception {
		List<IpcClient> clients = connect(url, connectionCount);
		try {
			ObjectNode payload = JsonNodeFactory.instance.objectNode().put("data", "x".repeat(100));
			LatencyRecorder latencies = new LatencyRecorder();
			long warmEnd = System.nanoTime() + this.warmup.toNanos();
			long end = warmEnd + this.duration.toNanos();
			List<CompletableFuture<Void>> lanes = new ArrayList<>();
			for (IpcClient client : clients) {
				for (int i = 0; i < flight; i++) {
					CompletableFuture<Void> lane = new CompletableFuture<>();
					lanes.add(lane);
					nextRequest(client, payload, latencies, warmEnd, end, lane);
				}
			}
			CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(this.duration.toSeconds() + 60, TimeUnit.SECONDS);
			report(url, connectionCount + " x " + flight, latencies);
		}
		finally {
			clients.forEach(IpcClient::close);
		}
	}

	private void nextRequest(IpcClient client, ObjectNode payload, LatencyRecorder latencies, long warmEnd, long end,
			CompletableFuture<Void> lane) {
		long start = System.nanoTime();
		if (start >= end) {
			lane.complete(null);
			return;
		}
		client.request(this.channel, payload).whenComplete((response, error) -> {
			if (error != null) {
				lane.completeExceptionally(error);
				return;
			}
			if (start >= warmEnd) {
				latencies.record(System.nanoTime() - start);
			}
			nextRequest(client, payload, latencies, warmEnd, end, lane);
		});
	}

	private void fanoutRun(String url, int subscriberCount, int size) throws Exception {
		List<IpcClient> clients = connect(url, subscriberCount + 1);
		try {
			IpcClient publisher = clients.get(0);
			LatencyRecorder latencies = new LatencyRecorder();
			String channel = "bench-fanout-" + System.nanoTime();
			long warmEnd = System.nanoTime() + this.warmup.toNanos();
			List<AtomicLong> received = new ArrayList<>();
			for (IpcClient subscriber : clients.subList(1, clients.size())) {
				AtomicLong count = new AtomicLong();
				received.add(count);
				subscriber.subscribe(channel, (message) -> {
					long sent = message.payload().path("t").asLong();
					if (sent >= warmEnd) {
						latencies.record(System.nanoTime() - sent);
					}
					count.incrementAndGet();
				});
				subscriber.ping().get();
			}
			String padding = "x".repeat(Math.max(0, size - 40));
			long end = warmEnd + this.duration.toNanos();
			long published = 0;
			// at most 32 KiB ahead of the slowest subscriber: far inside the server's send buffer, so that no
			// subscriber becomes a slow consumer, and latency measures delivery rather than a backlog
			long window = Math.max(8, (32 * 1024) / size);
			while (System.nanoTime() < end) {
				long waitingSince = System.nanoTime();
				while (published - slowest(received) >= window) {
					if (System.nanoTime() - waitingSince > TimeUnit.SECONDS.toNanos(30)
							|| clients.stream().anyMatch((client) -> !client.isConnected())) {
						throw new IllegalStateException("a subscriber stopped receiving (" + slowest(received) + " of "
								+ published + " messages)");
					}
					Thread.onSpinWait();
				}
				publisher.publish(channel, JsonNodeFactory.instance.objectNode().put("t", System.nanoTime()).put("p", padding));
				published++;
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (slowest(received) < published && System.nanoTime() < deadline) {
				Thread.sleep(1);
			}
			report(url, subscriberCount + " x " + size, latencies);
		}
		finally {
			clients.forEach(IpcClient::close);
		}
	}

	private static long slowest(List<AtomicLong> counts) {
		long min = Long.MAX_VALUE;
		for (AtomicLong count : counts) {
			min = Math.min(min, count.get());
		}
		return min;
	}

	private List<IpcClient> connect(String url, int count) {
		List<IpcClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(IpcClient.connect(Options.builder().url(url).appId(this.app).pingInterval(Duration.ZERO)
				.maxReconnectAttempts(0).requestTimeout(Duration.ofSeconds(30)).build()));
		}
		return clients;
	}

	private void report(String url, String run, LatencyRecorder latencies) {
		long[] p = latencies.percentilesMicros();
		double perSecond = latencies.count() / (this.duration.toNanos() / 1e9);
		print("%-5s %-22s %,12.0f %,9d %,9d %,9d %,9d", url.substring(0, url.indexOf(':')), run, perSecond, p[0], p[1],
				p[2], p[3]);
	}

	private void print(String format, Object... arguments) {
		this.out.println(String.format(format, arguments));
		this.out.flush();
	}

}
