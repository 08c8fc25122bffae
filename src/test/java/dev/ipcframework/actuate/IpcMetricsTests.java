package dev.ipcframework.actuate;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Micrometer meters read what actually happened on the wire. Counters are cumulative over the shared server,
 * so each test compares before and after.
 */
class IpcMetricsTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final int N = 7;

	@Autowired
	private MeterRegistry registry;

	@BeforeEach
	void noConnectionsLeftFromEarlierTests() {
		// clients of earlier tests are closed, but the server may still be processing their close
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(active(Transport.TCP) + active(Transport.WEBSOCKET)).isZero());
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void nRequestsReadNInTheMessageCountersAndTheHandlerTimer(Transport transport) {
		RawClient client = connected(transport, APP);
		double received = counter("ipc.messages.received", "app", APP, "type", "request");
		double sent = counter("ipc.messages.sent", "app", APP, "type", "response");
		long timed = timerCount("app", APP, "type", "request", "outcome", "success");
		double bytesIn = counter("ipc.received.bytes", "app", APP, "transport", tag(transport));
		double bytesOut = counter("ipc.sent.bytes", "app", APP, "transport", tag(transport));

		for (int i = 0; i < N; i++) {
			client.request("echo", Map.of("i", i));
		}

		assertThat(counter("ipc.messages.received", "app", APP, "type", "request") - received).isEqualTo(N);
		assertThat(timerCount("app", APP, "type", "request", "outcome", "success") - timed).isEqualTo(N);
		// each request frame is some 150 bytes of JSON, each response a little more
		assertThat(counter("ipc.received.bytes", "app", APP, "transport", tag(transport)) - bytesIn)
			.isGreaterThan(N * 100);
		// a reply is counted as sent just after it is queued, so the client may read it a moment before that
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(counter("ipc.messages.sent", "app", APP, "type", "response") - sent).isEqualTo(N);
			assertThat(counter("ipc.sent.bytes", "app", APP, "transport", tag(transport)) - bytesOut)
				.isGreaterThan(N * 100);
		});
	}

	@Test
	void failedHandlersAreTimedAsErrorsAndErrorsAreCountedByCode() {
		RawClient client = connected(Transport.TCP, APP);
		double noHandler = functionCounter("ipc.errors", "code", "NO_HANDLER");
		double handlerError = functionCounter("ipc.errors", "code", "HANDLER_ERROR");
		long timedErrors = timerCount("app", APP, "type", "request", "outcome", "error");

		client.request("no-such-channel", Map.of());
		client.request("no-such-channel", Map.of());
		client.request("fail", Map.of());

		assertThat(functionCounter("ipc.errors", "code", "NO_HANDLER") - noHandler).isEqualTo(2);
		assertThat(functionCounter("ipc.errors", "code", "HANDLER_ERROR") - handlerError).isEqualTo(1);
		// only the handler that ran is timed
		assertThat(timerCount("app", APP, "type", "request", "outcome", "error") - timedErrors).isEqualTo(1);
	}

	@Test
	void aClosedConnectionLeavesTheGauges() {
		double opened = functionCounter("ipc.connections.opened", "transport", "websocket");
		double closed = functionCounter("ipc.connections.closed", "transport", "websocket");

		RawClient client = connected(Transport.WEBSOCKET, "gauged");

		assertThat(active(Transport.WEBSOCKET)).isEqualTo(1);
		assertThat(functionCounter("ipc.connections.opened", "transport", "websocket") - opened).isEqualTo(1);

		client.close();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(active(Transport.WEBSOCKET)).isZero());
		assertThat(functionCounter("ipc.connections.closed", "transport", "websocket") - closed).isEqualTo(1);
	}

	@Test
	void publishesAreCountedOncePerSubscriber() {
		RawClient first = connected(Transport.TCP, "fanned");
		RawClient second = connected(Transport.WEBSOCKET, "fanned");
		RawClient publisher = connected(Transport.TCP, "fanned");
		first.send("news", "subscribe", Map.of());
		second.send("news", "subscribe", Map.of());
		first.sync();
		second.sync();
		double delivered = functionCounter("ipc.publishes.delivered");
		double sent = counter("ipc.messages.sent", "app", "fanned", "type", "publish");

		publisher.send("news", "publish", Map.of("headline", "metrics"));
		publisher.sync();

		assertThat(functionCounter("ipc.publishes.delivered") - delivered).isEqualTo(2);
		assertThat(counter("ipc.messages.sent", "app", "fanned", "type", "publish") - sent).isEqualTo(2);
		assertThat(counter("ipc.messages.received", "app", "fanned", "type", "publish")).isEqualTo(1);
	}

	@Test
	void noChannelTagByDefault() {
		RawClient client = connected(Transport.TCP, APP);
		client.request("echo", Map.of());

		assertThat(this.registry.find("ipc.messages.received").counters()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("channel")).isNull());
		assertThat(this.registry.find("ipc.handler.duration").timers()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTag("channel")).isNull());
	}

	private double active(Transport transport) {
		Gauge gauge = this.registry.get("ipc.connections.active").tags("transport", tag(transport)).gauge();
		return gauge.value();
	}

	private double counter(String name, String... tags) {
		Counter counter = this.registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double functionCounter(String name, String... tags) {
		return this.registry.get(name).tags(tags).functionCounter().count();
	}

	private long timerCount(String... tags) {
		Timer timer = this.registry.find("ipc.handler.duration").tags(tags).timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static String tag(Transport transport) {
		return transport.name().toLowerCase(java.util.Locale.ROOT);
	}

}
