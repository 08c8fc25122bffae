package dev.ipcframework.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connection churn and mixed traffic over both transports for {@code soak.duration} (default 60 s): clients
 * connect, subscribe, publish, request, unsubscribe and leave, politely or abruptly. Afterwards connections,
 * subscriptions, threads and heap (after GC, with a margin) are back at their baseline.
 * <p>
 * Off by default; run with {@code ./mvnw -Psoak test [-Dsoak.duration=PT2M]}.
 */
@Tag("soak")
@TestPropertySource(properties = "ipc.connection.handshake-timeout=2s")
class SoakTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final int CHANNELS = 8;

	private static final int WORKERS = 6;

	/** Pools that grow on demand (handler, sender and assembler threads) may end larger than they started. */
	private static final int THREAD_MARGIN = 100;

	private static final long HEAP_MARGIN = 64L * 1024 * 1024;

	@Autowired
	private ConnectionRegistry connections;

	@Autowired
	private IpcTemplate template;

	private final AtomicLong operations = new AtomicLong();

	@Test
	void churnAndMixedTrafficLeaveNothingBehind() throws Exception {
		Duration duration = Duration.parse(System.getProperty("soak.duration", "PT60S"));
		HttpClient http = HttpClient.newHttpClient();
		churn(http, Duration.ofSeconds(3));
		awaitAllClosed();
		Baseline before = baseline();

		long started = System.nanoTime();
		churn(http, duration);
		long elapsed = System.nanoTime() - started;

		awaitAllClosed();
		Baseline after = baseline();
		System.out.printf("soak: %d s, %d operations; connections %d -> %d, subscriptions %d -> %d, threads %d -> %d, "
				+ "heap after GC %d MiB -> %d MiB%n", TimeUnit.NANOSECONDS.toSeconds(elapsed), this.operations.get(),
				before.connections(), after.connections(), before.subscriptions(), after.subscriptions(),
				before.threads(), after.threads(), before.heap() >> 20, after.heap() >> 20);
		assertThat(after.connections()).isEqualTo(before.connections());
		assertThat(after.subscriptions()).isEqualTo(before.subscriptions());
		assertThat(after.threads()).isLessThanOrEqualTo(before.threads() + THREAD_MARGIN);
		assertThat(after.heap()).isLessThanOrEqualTo(before.heap() + HEAP_MARGIN);
	}

	private void churn(HttpClient http, Duration duration) throws Exception {
		long deadline = System.nanoTime() + duration.toNanos();
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < WORKERS; i++) {
				int worker = i;
				running.add(workers.submit(() -> {
					while (System.nanoTime() < deadline) {
						session((worker % 2 == 0) ? Transport.TCP : Transport.WEBSOCKET, http);
					}
					return null;
				}));
			}
			for (Future<?> future : running) {
				future.get(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
			}
		}
		finally {
			workers.shutdownNow();
		}
	}

	/** One client's life: connect, a random mix of everything, then leave politely or drop the connection. */
	private void session(Transport transport, HttpClient http) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		RawClient client = (transport == Transport.TCP) ? RawClient.tcp(tcpPort())
				: RawClient.websocket(URI.create("ws://127.0.0.1:" + this.httpPort + "/ipc"), http);
		try {
			client.connect(APP);
			List<String> subscribed = new ArrayList<>();
			int steps = random.nextInt(5, 40);
			for (int step = 0; step < steps; step++) {
				String channel = "soak-" + random.nextInt(CHANNELS);
				switch (random.nextInt(5)) {
					case 0 -> {
						client.send(channel, "subscribe", Map.of("connection_id", client.connectionId()));
						subscribed.add(channel);
					}
					case 1 -> client.send(channel, "unsubscribe", Map.of("connection_id", client.connectionId()));
					case 2 -> client.send(channel, "publish", Map.of("n", step, "blob", "x".repeat(random.nextInt(2000))));
					case 3 -> assertThat(client.request("echo", Map.of("n", step)).path("payload").path("n").asInt())
						.isEqualTo(step);
					default -> client.sync();
				}
				this.operations.incrementAndGet();
			}
			if (random.nextBoolean()) {
				for (String channel : subscribed) {
					client.send(channel, "unsubscribe", Map.of("connection_id", client.connectionId()));
				}
				client.sync();
			}
		}
		finally {
			client.close();
		}
	}

	private int subscriptions() {
		int total = 0;
		for (int i = 0; i < CHANNELS; i++) {
			total += this.template.subscriberCount(APP, "soak-" + i);
		}
		return total;
	}

	/** Every client has gone: the server forgets its connections and their subscriptions. */
	private void awaitAllClosed() throws InterruptedException {
		// a connection's handshake timer holds it (and its buffers) until it fires, closed or not
		Thread.sleep(3000);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.connections.openCount()).isZero();
			assertThat(subscriptions()).isZero();
		});
	}

	private Baseline baseline() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long heap = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(500);
			heap = Math.min(heap, memory.getHeapMemoryUsage().getUsed());
		}
		return new Baseline(this.connections.openCount(), subscriptions(),
				ManagementFactory.getThreadMXBean().getThreadCount(), heap);
	}

	private record Baseline(int connections, int subscriptions, int threads, long heap) {
	}

}
