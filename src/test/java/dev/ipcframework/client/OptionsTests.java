package dev.ipcframework.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the options builder accepts and what it fills in.
 */
class OptionsTests {

	@Test
	void fillsInDefaultsAndAKeptConnectionId() {
		Options options = Options.builder().url("ws://localhost:8080/ipc").appId("shop").build();

		assertThat(options.connectionId()).isNotBlank();
		assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.maxReconnectAttempts()).isEqualTo(-1);
		assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void refusesUrlsItCannotConnectTo() {
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().url("http://localhost:8080").appId("a").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().url("tcp://localhost").appId("a").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().url("tcp://localhost:8888").build());
		assertThatIllegalArgumentException().isThrownBy(
				() -> Options.builder().url("tcp://localhost:8888").appId("a").requestTimeout(Duration.ZERO).build());
	}

}
