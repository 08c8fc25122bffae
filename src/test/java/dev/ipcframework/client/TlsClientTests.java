package dev.ipcframework.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.TlsServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Java client over {@code tcps://} and {@code wss://}: it trusts the CA of a PEM file, and still checks that
 * the server's certificate is trusted and names the host it connects to.
 */
class TlsClientTests extends TlsServerTest {

	private final List<IpcClient> clients = new ArrayList<>();

	@ParameterizedTest
	@ValueSource(strings = { "tcps", "wss" })
	void requestAndPublishOverTlsWithTheCaOfAPemFile(String scheme) throws Exception {
		IpcClient client = client(options(url(scheme, "localhost")).trustCertificates(certificates.caCertificate()));
		BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
		client.subscribeConfirmed("tls-client", (message) -> received.add(message.payload())).get(10, TimeUnit.SECONDS);

		JsonNode greeting = client.request("greet", Map.of("name", "Ada", "age", 36)).get(10, TimeUnit.SECONDS);
		client.publishConfirmed("tls-client", Map.of("n", 1)).get(10, TimeUnit.SECONDS);

		assertThat(greeting.path("text").asString()).isEqualTo("Hello, Ada");
		JsonNode published = received.poll(10, TimeUnit.SECONDS);
		assertThat(published).isNotNull();
		assertThat(published.path("n").asInt()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcps", "wss" })
	void aServerCertificateOutsideTheTrustStoreIsRefused(String scheme) {
		// the JVM's default trust store does not hold the test CA
		assertThatExceptionOfType(IpcConnectionException.class)
			.isThrownBy(() -> client(options(url(scheme, "localhost"))))
			.withStackTraceContaining("PKIX path building failed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tcps", "wss" })
	void aServerCertificateForAnotherHostIsRefused(String scheme) {
		// 127.0.0.2 reaches this server too, but its certificate names localhost and 127.0.0.1 only
		assertThatExceptionOfType(IpcConnectionException.class).isThrownBy(
				() -> client(options(url(scheme, "127.0.0.2")).trustCertificates(certificates.caCertificate())))
			.withStackTraceContaining("No subject alternative names matching IP address 127.0.0.2");
	}

	@Test
	void aPlainTcpClientIsToldThatThePortSpeaksTls() {
		assertThatExceptionOfType(IpcConnectionException.class)
			.isThrownBy(() -> client(options("tcp://localhost:" + tcpPort())))
			.withStackTraceContaining("the server speaks TLS on this port: use a tcps:// url");
	}

	private String url(String scheme, String host) {
		return scheme.equals("tcps") ? "tcps://" + host + ":" + tcpPort() : "wss://" + host + ":" + this.httpPort + "/ipc";
	}

	private static Options.Builder options(String url) {
		return Options.builder()
			.url(url)
			.appId(TestHandlers.APP)
			.maxReconnectAttempts(0)
			.connectTimeout(Duration.ofSeconds(5));
	}

	private IpcClient client(Options.Builder options) {
		IpcClient client = IpcClient.connect(options.build());
		synchronized (this.clients) {
			this.clients.add(client);
		}
		return client;
	}

	@AfterEach
	void closeIpcClients() {
		synchronized (this.clients) {
			this.clients.forEach(IpcClient::close);
			this.clients.clear();
		}
	}

}
