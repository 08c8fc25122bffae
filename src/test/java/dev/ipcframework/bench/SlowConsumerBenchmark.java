package dev.ipcframework.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import dev.ipcframework.testapp.TestIpcApplication;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.TcpRawClient;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The delivery rate of 10 healthy TCP subscribers while one publisher sends 100,000 publishes, without and with
 * an 11th subscriber that stopped reading (disconnected as a slow consumer when its 1 MiB send buffer fills).
 * Prints, per run, the time until every healthy subscriber had every message, in order, and the rates. The
 * publisher keeps at most a window of publishes ahead of the slowest healthy subscriber.
 * <p>
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.ipcframework.bench.SlowConsumerBenchmark [-Dexec.args="<publishes> <rounds>"]}
 */
public final class SlowConsumerBenchmark {

	private static final String APP = "market";

	private static final int HEALTHY = 10;

	private static final int BATCH = 500;

	/** Publishes a healthy subscriber may lag behind: about 300 KB, well inside its 1 MiB send buffer. */
	private static final int WINDOW = 2_000;

	private SlowConsumerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int publishes = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		try (ConfigurableApplicationContext server = new SpringApplication(TestIpcApplication.class).run(
				"--ipc.tcp.port=0", "--server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
			int port = server.getBean(AbstractServerConnectionFactory.class).getPort();
			run(port, publishes / 10, false);
			System.out.printf("%d publishes to %d healthy TCP subscribers (1 MiB send buffer, disconnect policy)%n",
					publishes, HEALTHY);
			System.out.printf("%-22s %10s %22s %24s%n", "run", "seconds", "msgs/s per subscriber",
					"deliveries/s (all 10)");
			for (int round = 0; round < rounds; round++) {
				for (boolean stalled : new boolean[] { false, true }) {
					double seconds = run(port, publishes, stalled);
					System.out.printf("%-22s %10.2f %22.0f %24.0f%n", stalled ? "with 1 stalled" : "without stalled",
							seconds, publishes / seconds, HEALTHY * publishes / seconds);
				}
			}
		}
	}

	private static double run(int port, int publishes, boolean withStalled) throws Exception {
		String channel = "ticks-" + System.nanoTime();
		List<RawClient> healthy = new ArrayList<>();
		for (int i = 0; i < HEALTHY; i++) {
			healthy.add(subscribed(RawClient.tcp(port), channel));
		}
		TcpRawClient stalled = null;
		if (withStalled) {
			stalled = RawClient.tcp(port, 4096);
			subscribed(stalled, channel);
			stalled.pauseReading();
		}
		RawClient publisher = RawClient.tcp(port);
		publisher.connect(APP);
		ExecutorService readers = Executors.newFixedThreadPool(HEALTHY);
		try {
			List<Future<?>> done = new ArrayList<>();
			AtomicIntegerArray received = new AtomicIntegerArray(HEALTHY);
			long started = System.nanoTime();
			for (int s = 0; s < HEALTHY; s++) {
				RawClient subscriber = healthy.get(s);
				int index = s;
				done.add(readers.submit(() -> {
					for (int i = 0; i < publishes; i++) {
						JsonNode frame = subscriber.next();
						if (frame.path("payload").path("seq").asInt() != i) {
							throw new AssertionError("out of order: expected " + i + ", got " + frame);
						}
						received.set(index, i + 1);
					}
					return null;
				}));
			}
			for (int i = 0; i < publishes; i++) {
				publisher.send(channel, "publish", Map.of("seq", i, "price", 100.25));
				if (i % BATCH == BATCH - 1) {
					awaitWithin(received, i + 1 - WINDOW);
				}
			}
			for (Future<?> future : done) {
				future.get(10, TimeUnit.MINUTES);
			}
			double seconds = (System.nanoTime() - started) / 1e9;
			return seconds;
		}
		finally {
			readers.shutdownNow();
			healthy.forEach(RawClient::close);
			publisher.close();
			if (stalled != null) {
				stalled.close();
			}
		}
	}

	/**
	 * The publisher waits while a healthy subscriber is more than a window behind: on a loaded machine the client
	 * threads of this benchmark may fall behind by more than the send buffer, and would rightly be cut off.
	 */
	private static void awaitWithin(AtomicIntegerArray received, int least) throws InterruptedException {
		for (int s = 0; s < received.length(); s++) {
			while (received.get(s) < least) {
				Thread.sleep(1);
			}
		}
	}

	private static <C extends RawClient> C subscribed(C client, String channel) {
		client.connect(APP);
		client.send(channel, "subscribe", Map.of("connection_id", client.connectionId()));
		client.sync();
		return client;
	}

}
