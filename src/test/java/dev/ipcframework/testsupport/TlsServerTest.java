package dev.ipcframework.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the TLS tests: the real server with TLS on both ports, from one Spring Boot PEM SSL bundle made of
 * {@link TestCertificates}; client certificates are asked for on TCP but not required. Subclasses may require them
 * with {@code ipc.tcp.ssl.client-auth=need}.
 */
@TestPropertySource(properties = "ipc.tcp.ssl.client-auth=want")
public abstract class TlsServerTest extends IpcServerTest {

	protected static final TestCertificates certificates = TestCertificates.shared();

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.pem.ipc.keystore.certificate", () -> location(certificates.serverCertificate()));
		registry.add("spring.ssl.bundle.pem.ipc.keystore.private-key", () -> location(certificates.serverPrivateKey()));
		registry.add("spring.ssl.bundle.pem.ipc.truststore.certificate", () -> location(certificates.caCertificate()));
		registry.add("ipc.tcp.ssl.bundle", () -> "ipc");
		registry.add("server.ssl.bundle", () -> "ipc");
	}

	private static String location(Path file) {
		return file.toUri().toString();
	}

	/** A TCP client over TLS that trusts the test CA and presents the given context's certificate, if any. */
	protected RawClient openTls(SSLContext context) {
		return track(RawClient.tls(tcpPort(), context));
	}

	/** A WebSocket client on {@code wss://} that trusts the test CA. */
	protected RawClient openWss() {
		HttpClient https = HttpClient.newBuilder().sslContext(certificates.trustingClient()).build();
		return track(RawClient.websocket(URI.create("wss://localhost:" + this.httpPort + "/ipc"), https));
	}

}
