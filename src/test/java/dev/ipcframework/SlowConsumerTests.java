package dev.ipcframework;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.TcpRawClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber that stops reading is cut off without slowing anyone else, and never costs more memory than its
 * send buffer. The write timeout is long here, so that what ends the stalled subscriber is its send buffer (or,
 * under drop-oldest, nothing within the test).
 */
@TestPropertySource(properties = { "ipc.connection.send-buffer=256KB", "ipc.connection.write-timeout=20s",
		"ipc.apps.overflow-policy.lossy=drop-oldest" })
class SlowConsumerTests extends IpcServerTest {

	private static final int PUBLISHES = 100_000;

	private static final int BATCH = 500;

	private static final long SEND_BUFFER = 256 * 1024;

	@Autowired
	private IpcTemplate template;

	@Test
	void stalledSubscriberIsDisconnectedWhileHealthyOnesGetEveryMessageInOrder() {
		List<RawClient> healthy = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			healthy.add(subscribe(connected((i % 2 == 0) ? Transport.TCP : Transport.WEBSOCKET, "market")));
		}
		TcpRawClient stalled = track(RawClient.tcp(tcpPort(), 4096));
		stalled.connect("market");
		subscribe(stalled);
		ConnectionHandle stalledHandle = (ConnectionHandle) this.template.connection(stalled.connectionId());
		stalled.pauseReading();
		long slowConsumersBefore = slowConsumers();
		RawClient publisher = connected(Transport.TCP, "market");

		long mostQueued = 0;
		for (int sent = 0; sent < PUBLISHES; sent += BATCH) {
			for (int i = sent; i < sent + BATCH; i++) {
				publisher.send("ticks", "publish", Map.of("seq", i, "price", 100.25));
			}
			for (RawClient subscriber : healthy) {
				for (int i = sent; i < sent + BATCH; i++) {
					assertThat(subscriber.next().path("payload").path("seq").asInt()).isEqualTo(i);
				}
			}
			mostQueued = Math.max(mostQueued, stalledHandle.queuedBytes());
		}

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(this.template.connection(stalled.connectionId())).isNull());
		assertThat(slowConsumers() - slowConsumersBefore).isEqualTo(1);
		// the bound: one send buffer plus the SLOW_CONSUMER notice
		assertThat(mostQueued).isLessThanOrEqualTo(SEND_BUFFER + 1024);
		assertThat(this.template.subscriberCount("market", "ticks")).isEqualTo(10);
	}

	@Test
	void dropOldestKeepsAStalledSubscriberConnectedAndBounded() {
		TcpRawClient stalled = track(RawClient.tcp(tcpPort(), 4096));
		stalled.connect("lossy");
		subscribe(stalled);
		ConnectionHandle handle = (ConnectionHandle) this.template.connection(stalled.connectionId());
		stalled.pauseReading();
		long droppedBefore = this.template.statistics().messagesDropped();
		RawClient publisher = connected(Transport.TCP, "lossy");

		for (int i = 0; i < 20_000; i++) {
			publisher.send("ticks", "publish", Map.of("seq", i));
		}
		publisher.sync();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.template.statistics().messagesDropped() - droppedBefore).isPositive());
		assertThat(handle.queuedBytes()).isLessThanOrEqualTo(SEND_BUFFER);
		assertThat(handle.isOpen()).isTrue();
		assertThat(this.template.connection(stalled.connectionId())).isNotNull();
	}

	private long slowConsumers() {
		return this.template.statistics().errors().get(IpcErrorCode.SLOW_CONSUMER);
	}

	private static <C extends RawClient> C subscribe(C client) {
		client.send("ticks", "subscribe", Map.of("connection_id", client.connectionId()));
		client.sync();
		return client;
	}

}
