package dev.ipcframework.actuate;

import dev.ipcframework.protocol.MessageType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-channel meters are bounded even in a registry without the channel tag filter: clients choose channel names.
 */
class MicrometerIpcMetricsTests {

	@Test
	void onlyTheFirstChannelsGetMeters() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerIpcMetrics metrics = new MicrometerIpcMetrics(registry, true, 10);

		for (int i = 0; i < 1000; i++) {
			metrics.messagesReceived("app", "channel-" + i, MessageType.PUBLISH, 1);
			metrics.messagesSent("app", "channel-" + i, MessageType.PUBLISH, 2);
			metrics.handlerCompleted("app", "channel-" + i, MessageType.REQUEST, 1000, true);
		}
		metrics.messagesReceived("app", "channel-3", MessageType.PUBLISH, 1);

		assertThat(registry.find(IpcMeterNames.MESSAGES_RECEIVED).counters()).hasSize(10);
		assertThat(registry.find(IpcMeterNames.MESSAGES_SENT).counters()).hasSize(10);
		assertThat(registry.find(IpcMeterNames.HANDLER_DURATION).timers()).hasSize(10);
		assertThat(registry.get(IpcMeterNames.MESSAGES_RECEIVED).tag("channel", "channel-3").counter().count())
			.isEqualTo(2);
	}

	@Test
	void withoutTheChannelTagEveryChannelCountsUnderItsApp() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		MicrometerIpcMetrics metrics = new MicrometerIpcMetrics(registry, false, 10);

		for (int i = 0; i < 1000; i++) {
			metrics.messagesReceived("app", "channel-" + i, MessageType.PUBLISH, 1);
		}

		assertThat(registry.get(IpcMeterNames.MESSAGES_RECEIVED).tag("app", "app").counter().count())
			.isEqualTo(1000);
	}

}
