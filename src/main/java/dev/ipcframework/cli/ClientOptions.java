package dev.ipcframework.cli;

import java.nio.file.Path;
import java.time.Duration;

import dev.ipcframework.client.ConnectionListener;
import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.Options;
import picocli.CommandLine.Option;

/**
 * The options every command that connects shares: where the server is and how long to wait.
 */
class ClientOptions {

	@Option(names = { "-u", "--url" }, defaultValue = "${IPC_URL:-tcp://localhost:8888}", converter = ServerUrlConverter.class,
			description = "tcp://host:port or ws://host:port/ipc; over TLS tcps://host:port or wss://host:port/ipc "
					+ "(default: ${DEFAULT-VALUE}, or $IPC_URL)")
	String url;

	@Option(names = "--ca-file", defaultValue = "${IPC_CA_FILE}", converter = CaFileConverter.class,
			description = "PEM file of the certificates to trust for tcps:// and wss:// (the CA that signed the "
					+ "server's certificate, or that certificate itself) instead of the JVM's trust store "
					+ "(or $IPC_CA_FILE)")
	Path caFile;

	@Option(names = { "-t", "--timeout" }, defaultValue = "10s", converter = DurationConverter.class,
			description = "request timeout, e.g. 500ms, 10s, 2m (default: ${DEFAULT-VALUE})")
	Duration timeout;

	@Option(names = "--token", defaultValue = "${IPC_TOKEN}",
			description = "token for a server that requires authentication (default: $IPC_TOKEN)")
	String token;

	/** A client for one-shot commands: no reconnecting, no heartbeat. */
	IpcClient connectOnce(String appId) {
		return IpcClient.connect(builder(appId).maxReconnectAttempts(0).pingInterval(Duration.ZERO).build());
	}

	/** A client for long-running commands: reconnects and pings. */
	IpcClient connectLasting(String appId) {
		return IpcClient.connect(builder(appId).build());
	}

	/** A client for long-running commands that tell the user about the connection: reconnects and pings. */
	IpcClient connectLasting(String appId, ConnectionListener listener) {
		return IpcClient.connect(builder(appId).connectionListener(listener).build());
	}

	Options.Builder builder(String appId) {
		return Options.builder()
			.url(this.url)
			.appId(appId)
			.token(this.token)
			.requestTimeout(this.timeout)
			.connectTimeout(this.timeout)
			.trustCertificates(this.caFile);
	}

}
