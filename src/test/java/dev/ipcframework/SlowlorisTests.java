package dev.ipcframework;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.WebSocketRawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slowloris attack measured from a bystander's side: a hundred connections each start a frame and stall, and
 * while they do, a control client's requests keep their p99 under 50 ms and new clients complete their handshake
 * at once; once the frame timeout has passed, every stalled connection is closed.
 */
@TestPropertySource(properties = { "ipc.tcp.frame-timeout=4s", "ipc.connection.handshake-timeout=60s",
		"ipc.tcp.max-frame-size=2KB" })
class SlowlorisTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final int STALLED = 100;

	private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(4);

	/** How long the control client measures: well inside the frame timeout, so the attack lasts throughout. */
	private static final Duration MEASURED = Duration.ofMillis(2500);

	private static final long MAX_P99_MILLIS = 50;

	private static final long PROMPT_HANDSHAKE_MILLIS = 500;

	@Autowired
	private ConnectionRegistry connections;

	@Test
	void stalledTcpFramesDelayNoOneAndAreClosedAfterTheFrameTimeout() {
		RawClient control = connected(Transport.TCP, APP);
		warmUp(control);
		int openBefore = this.connections.openCount();

		long attackStarted = System.nanoTime();
		List<RawClient> stalled = new ArrayList<>();
		for (int i = 0; i < STALLED; i++) {
			// half before the handshake, half after: a header that promises 1000 bytes, and 10 of them
			RawClient client = (i % 2 == 0) ? open(Transport.TCP) : connected(Transport.TCP, APP);
			client.sendBytes(ByteBuffer.allocate(4 + 10).putInt(1000).put(new byte[10]).array());
			stalled.add(client);
		}

		List<Long> handshakes = new ArrayList<>();
		long[] latencies = measure(control, attackStarted,
				() -> handshakes.add(timedHandshake(() -> open(Transport.TCP))));

		assertThat(stalled).as("the attack lasted while the control client measured")
			.noneMatch((client) -> client.awaitClosed(Duration.ZERO));
		assertP99(latencies);
		assertThat(handshakes).as("handshakes of new clients during the attack, ms")
			.isNotEmpty()
			.allSatisfy((millis) -> assertThat(millis).isLessThan(PROMPT_HANDSHAKE_MILLIS));
		assertClosedAfterTheFrameTimeout(stalled, attackStarted);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.connections.openCount()).isEqualTo(openBefore + handshakes.size()));
		control.sync();
	}

	@Test
	void unfinishedWebSocketMessagesDelayNoOneAndAreClosedAfterTheFrameTimeout() {
		RawClient control = connected(Transport.WEBSOCKET, APP);
		warmUp(control);
		HttpClient shared = HttpClient.newHttpClient();
		URI uri = URI.create("ws://127.0.0.1:" + this.httpPort + "/ipc");

		long attackStarted = System.nanoTime();
		List<RawClient> stalled = new ArrayList<>();
		for (int i = 0; i < STALLED; i++) {
			WebSocketRawClient client = track((WebSocketRawClient) RawClient.websocket(uri, shared));
			if (i % 2 == 1) {
				client.connect(APP);
			}
			// the first part of a text message, never finished
			client.sendFirstPart("{\"message_id\":\"m" + i + "\",\"payload\":\"" + "x".repeat(500));
			stalled.add(client);
		}

		List<Long> handshakes = new ArrayList<>();
		long[] latencies = measure(control, attackStarted, () -> {
			handshakes.add(timedHandshake(() -> track(RawClient.websocket(uri, shared))));
			handshakes.add(timedHandshake(() -> open(Transport.TCP)));
		});

		assertThat(stalled).as("the attack lasted while the control client measured")
			.noneMatch((client) -> client.awaitClosed(Duration.ZERO));
		assertP99(latencies);
		assertThat(handshakes).as("handshakes of new clients during the attack, ms")
			.isNotEmpty()
			.allSatisfy((millis) -> assertThat(millis).isLessThan(PROMPT_HANDSHAKE_MILLIS));
		assertClosedAfterTheFrameTimeout(stalled, attackStarted);
		control.sync();
	}

	/** Requests from the control client until {@link #MEASURED} after the attack started, a new client now and then. */
	private static long[] measure(RawClient control, long attackStarted, Runnable newClient) {
		long until = attackStarted + MEASURED.toNanos();
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; System.nanoTime() < until || latencies.size() < 100; i++) {
			long start = System.nanoTime();
			JsonNode response = control.request("echo", Map.of("i", i));
			latencies.add(System.nanoTime() - start);
			assertThat(response.path("payload").path("i").asInt()).isEqualTo(i);
			if (i % 500 == 50) {
				newClient.run();
			}
		}
		assertThat(System.nanoTime() - attackStarted).as("measured inside the frame timeout")
			.isLessThan(FRAME_TIMEOUT.toNanos());
		return latencies.stream().mapToLong(Long::longValue).toArray();
	}

	/** Opens a client and completes its handshake; how long that took, in ms. */
	private static long timedHandshake(Supplier<RawClient> client) {
		long start = System.nanoTime();
		client.get().connect(APP);
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private static void warmUp(RawClient control) {
		for (int i = 0; i < 200; i++) {
			control.request("echo", Map.of("i", i));
		}
	}

	private static void assertP99(long[] latencies) {
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		long p99 = Duration.ofNanos(sorted[(int) Math.ceil(sorted.length * 0.99) - 1]).toMillis();
		assertThat(p99).as("p99 of %s control requests during the attack, ms", sorted.length)
			.isLessThan(MAX_P99_MILLIS);
	}

	/** Each stalled connection is closed once the frame timeout has passed, and not much later. */
	private static void assertClosedAfterTheFrameTimeout(List<RawClient> stalled, long attackStarted) {
		Duration latest = FRAME_TIMEOUT.plusSeconds(5);
		for (RawClient client : stalled) {
			Duration left = latest.minusNanos(System.nanoTime() - attackStarted);
			assertThat(client.awaitClosed(left.isNegative() ? Duration.ZERO : left))
				.as("stalled connection closed within %s of the attack's start", latest)
				.isTrue();
		}
	}

}
