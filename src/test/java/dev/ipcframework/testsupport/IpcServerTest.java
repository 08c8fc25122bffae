package dev.ipcframework.testsupport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestIpcApplication;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Base of the integration tests: the real server on free ports, with the Actuator endpoints the tests read, and raw
 * clients over either transport that are closed after each test. The TCP port is read as {@code ipc.tcp.io-mode=auto}
 * would on this JVM, or as the environment variable {@code IPC_TEST_TCP_IO_MODE} says (CI runs the transport tests
 * in each mode).
 */
@SpringBootTest(classes = TestIpcApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "ipc.tcp.port=0", "ipc.tcp.io-mode=${IPC_TEST_TCP_IO_MODE:auto}",
				"management.endpoints.web.exposure.include=health,info,ipc,prometheus,metrics",
				"management.endpoint.health.show-details=always" })
public abstract class IpcServerTest {

	@LocalServerPort
	protected int httpPort;

	@Autowired
	protected AbstractServerConnectionFactory tcpConnectionFactory;

	private final List<RawClient> clients = new ArrayList<>();

	protected RawClient open(Transport transport) {
		RawClient client = (transport == Transport.TCP) ? RawClient.tcp(tcpPort())
				: RawClient.websocket(URI.create("ws://127.0.0.1:" + this.httpPort + "/ipc"));
		synchronized (this.clients) {
			this.clients.add(client);
		}
		return client;
	}

	/** Registers a client made elsewhere so that it is closed after the test. */
	protected <C extends RawClient> C track(C client) {
		synchronized (this.clients) {
			this.clients.add(client);
		}
		return client;
	}

	protected RawClient connected(Transport transport, String app) {
		RawClient client = open(transport);
		client.connect(app);
		return client;
	}

	protected int tcpPort() {
		return ListeningPort.of(this.tcpConnectionFactory);
	}

	@AfterEach
	void closeClients() {
		synchronized (this.clients) {
			this.clients.forEach(RawClient::close);
			this.clients.clear();
		}
	}

}
