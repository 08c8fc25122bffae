package dev.ipcframework.actuate;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code ipc.metrics.channel-tag=true}, message and handler meters say which channel.
 */
@TestPropertySource(properties = "ipc.metrics.channel-tag=true")
class ChannelTagTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	@Autowired
	private MeterRegistry registry;

	@Test
	void messageAndHandlerMetersCarryTheChannel() {
		RawClient client = connected(Transport.TCP, APP);

		for (int i = 0; i < 3; i++) {
			client.request("echo", Map.of("i", i));
		}
		client.request("greet", Map.of("name", "Ada", "age", 36));

		Counter echoes = this.registry.get("ipc.messages.received")
			.tags("app", APP, "channel", "echo", "type", "request")
			.counter();
		Timer echoTimer = this.registry.get("ipc.handler.duration")
			.tags("app", APP, "channel", "echo", "type", "request", "outcome", "success")
			.timer();
		Timer greetTimer = this.registry.get("ipc.handler.duration")
			.tags("app", APP, "channel", "greet", "type", "request", "outcome", "success")
			.timer();
		assertThat(echoes.count()).isEqualTo(3);
		assertThat(echoTimer.count()).isEqualTo(3);
		assertThat(greetTimer.count()).isEqualTo(1);
		// a reply is counted as sent just after it is queued, so the client may read it a moment before that
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.find("ipc.messages.sent")
				.tags("app", APP, "channel", "greet", "type", "response")
				.counters()).singleElement().satisfies((sent) -> assertThat(sent.count()).isEqualTo(1)));
	}

}
