package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.IpcConnectionException;
import dev.ipcframework.client.Options;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.TestCertificates;
import dev.ipcframework.testsupport.TlsServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The TCP port with {@code ipc.tcp.ssl.client-auth=need}: only clients with a certificate signed by the bundle's
 * trusted CA get in, and a handshake must finish within the handshake timeout.
 */
@TestPropertySource(properties = { "ipc.tcp.ssl.client-auth=need", "ipc.connection.handshake-timeout=2s" })
class TcpClientCertificateTests extends TlsServerTest {

	private static final String APP = TestHandlers.APP;

	@Test
	void aClientWithoutACertificateIsRefused() {
		assertThat(refused(certificates.trustingClient())).isTrue();
	}

	@Test
	void aClientWithACertificateTheCaDidNotSignIsRefused() {
		assertThat(refused(certificates.strangerClient())).isTrue();
	}

	@Test
	void aClientWithACertificateTheCaSignedGetsInAndHandlersSeeItsSubject() {
		RawClient client = openTls(certificates.certifiedClient());
		client.connect(APP);

		assertThat(client.request("certificate", Map.of()).path("payload").path("subject").asString())
			.isEqualTo(TestCertificates.CLIENT_SUBJECT.replace(", ", ","));
	}

	@Test
	void theJavaClientPresentsTheCertificateOfItsSslContext() throws Exception {
		Options options = Options.builder()
			.url("tcps://localhost:" + tcpPort())
			.appId(APP)
			.maxReconnectAttempts(0)
			.sslContext(certificates.certifiedClient())
			.build();
		try (IpcClient client = IpcClient.connect(options)) {
			JsonNode answer = client.request("certificate", Map.of()).get(10, TimeUnit.SECONDS);

			assertThat(answer.path("subject").asString()).isEqualTo(TestCertificates.CLIENT_SUBJECT.replace(", ", ","));
		}
	}

	@Test
	void theJavaClientWithoutACertificateIsRefused() {
		Options options = Options.builder()
			.url("tcps://localhost:" + tcpPort())
			.appId(APP)
			.maxReconnectAttempts(0)
			.trustCertificates(certificates.caCertificate())
			.build();

		assertThatExceptionOfType(IpcConnectionException.class).isThrownBy(() -> IpcClient.connect(options).close());
	}

	@Test
	void aRefusedClientLeavesTheOthersConnected() {
		RawClient certified = openTls(certificates.certifiedClient());
		certified.connect(APP);

		refused(certificates.trustingClient());

		assertThat(certified.sync().path("payload").path("status").asString()).isEqualTo("pong");
	}

	@Test
	void aHandshakeThatDoesNotFinishInTimeIsClosed() throws IOException {
		try (Socket silent = new Socket()) {
			silent.connect(new InetSocketAddress("127.0.0.1", tcpPort()), 5000);
			silent.setSoTimeout(8000);
			long start = System.nanoTime();

			byte[] received = TcpTlsTests.readUntilClosed(silent.getInputStream());

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
					Duration.ofSeconds(6));
			// nothing but the TLS alert that ends the handshake
			assertThat(new String(received, StandardCharsets.ISO_8859_1)).doesNotContain("{");
		}
	}

	/**
	 * Whether the server ends the connection without answering its connect request. With TLS 1.3 the client's
	 * side of the handshake may finish before the server has checked its certificate; the refusal then ends the
	 * first read or write.
	 */
	private boolean refused(SSLContext context) {
		RawClient client;
		try {
			client = openTls(context);
		}
		catch (UncheckedIOException ex) {
			return true;
		}
		try {
			client.send(APP, "system", "request", Map.of("action", "connect", "connection_id", "no-certificate"));
		}
		catch (UncheckedIOException ex) {
			return true;
		}
		return client.awaitClosed(Duration.ofSeconds(5)) && client.poll(Duration.ZERO) == null;
	}

}
