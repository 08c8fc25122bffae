package dev.ipcframework.client;

import java.util.ArrayList;
import java.util.List;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the client tests against the test server: clients over either transport, closed after each test.
 */
abstract class ClientServerTest extends IpcServerTest {

	private final List<IpcClient> clients = new ArrayList<>();

	protected String url(Transport transport) {
		return (transport == Transport.TCP) ? "tcp://127.0.0.1:" + tcpPort() : "ws://127.0.0.1:" + this.httpPort + "/ipc";
	}

	protected Options.Builder options(Transport transport) {
		return Options.builder().url(url(transport)).appId(TestHandlers.APP);
	}

	protected IpcClient client(Transport transport) {
		return client(options(transport).build());
	}

	protected IpcClient client(Options options) {
		IpcClient client = IpcClient.connect(options);
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
