package dev.ipcframework.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().url("tcps://localhost").appId("a").build());
		assertThatIllegalArgumentException().isThrownBy(() -> Options.builder().url("tcp://localhost:8888").build());
		assertThatIllegalArgumentException().isThrownBy(
				() -> Options.builder().url("tcp://localhost:8888").appId("a").requestTimeout(Duration.ZERO).build());
	}

	@Test
	void acceptsTlsUrlsWithTheJvmTrustStoreUnlessToldOtherwise() {
		Options options = Options.builder().url("tcps://localhost:8888").appId("a").build();

		assertThat(options.url().getScheme()).isEqualTo("tcps");
		assertThat(options.sslContext()).isNull();
	}

	@Test
	void trustCertificatesNeedsAFileOfCertificates(@TempDir Path directory) throws IOException {
		Path missing = directory.resolve("missing.pem");
		Path empty = Files.writeString(directory.resolve("empty.pem"), "");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.builder().url("tcps://localhost:8888").appId("a").trustCertificates(missing).build())
			.withMessageContaining("trustCertificates").withMessageContaining("missing.pem");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Options.builder().url("wss://localhost/ipc").appId("a").trustCertificates(empty).build())
			.withMessageContaining("empty.pem");
	}

}
