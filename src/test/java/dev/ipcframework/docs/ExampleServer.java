package dev.ipcframework.docs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A service that a documented {@code bin/ipc server ...} command starts, with its arguments word for word (a service
 * that requires tokens, say), run by the example shell in its directory; the test appends free ports and, as
 * {@link DocumentedService} does, the Actuator exposure of config/application.yml. The documentation's commands
 * after it in the same file talk to it.
 */
final class ExampleServer implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int tcpPort;

	private final int httpPort;

	private ExampleServer(Process process, Path log, int tcpPort, int httpPort) {
		this.process = process;
		this.log = log;
		this.tcpPort = tcpPort;
		this.httpPort = httpPort;
	}

	/** Starts {@code command} and waits until its health endpoint says UP. */
	static ExampleServer start(ExampleShell shell, ShellCommand command) throws IOException, InterruptedException {
		int tcpPort = freePort();
		int httpPort = freePort();
		Path log = Files.createTempFile(shell.directory(), ".server-", ".log");
		// the ports, and the one thing config/application.yml adds that the examples need, as DocumentedService has it
		Process process = shell.start(command.code() + " --server.port=" + httpPort + " --ipc.tcp.port=" + tcpPort
				+ " " + DocumentedService.EXPOSED_ENDPOINTS, log.toFile());
		ExampleServer server = new ExampleServer(process, log, tcpPort, httpPort);
		server.awaitUp(Duration.ofSeconds(90));
		return server;
	}

	int tcpPort() {
		return this.tcpPort;
	}

	int httpPort() {
		return this.httpPort;
	}

	private void awaitUp(Duration timeout) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try {
				if (http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		close();
		throw new AssertionError("the documented service did not come up within " + timeout + ":\n"
				+ Files.readString(this.log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
