package dev.ipcframework.history;

import java.util.Map;

import dev.ipcframework.actuate.IpcMeterNames;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.HistoryServerTest;
import dev.ipcframework.testsupport.RawClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the in-memory history holds is bounded by its size per channel, and shown by its meters.
 */
class HistoryMetersTests extends HistoryServerTest {

	@Autowired
	private MeterRegistry registry;

	@Test
	void metersShowWhatIsKeptWithinTheSizeLimit() {
		double messages = gauge(IpcMeterNames.HISTORY_MESSAGES);
		double bytes = gauge(IpcMeterNames.HISTORY_BYTES);
		double channels = gauge(IpcMeterNames.HISTORY_CHANNELS);
		String channel = freshChannel("metered");
		RawClient publisher = connected(Transport.TCP, "history_app");

		for (int n = 1; n <= 7; n++) {
			publisher.send(channel, "publish", Map.of("n", n));
		}
		publisher.sync();

		assertThat(gauge(IpcMeterNames.HISTORY_MESSAGES)).isEqualTo(messages + 5);
		assertThat(gauge(IpcMeterNames.HISTORY_CHANNELS)).isEqualTo(channels + 1);
		assertThat(gauge(IpcMeterNames.HISTORY_BYTES)).isGreaterThan(bytes + 5 * 100);
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

}
