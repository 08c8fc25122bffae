package dev.ipcframework.actuate;

import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Up while each enabled endpoint can take clients: the TCP listener is bound, and the WebSocket endpoint is mapped
 * on a web server that is serving.
 */
public class IpcHealthIndicator extends AbstractHealthIndicator {

	private final @Nullable AbstractServerConnectionFactory tcp;

	private final @Nullable String websocketPath;

	private final IntSupplier httpPort;

	/**
	 * @param tcp the TCP server, {@code null} when TCP is disabled
	 * @param websocketPath the WebSocket endpoint's path, {@code null} when WebSocket is disabled
	 * @param httpPort the port the web server serves on, or -1 while it does not
	 */
	public IpcHealthIndicator(@Nullable AbstractServerConnectionFactory tcp, @Nullable String websocketPath,
			IntSupplier httpPort) {
		super("IPC health check failed");
		this.tcp = tcp;
		this.websocketPath = websocketPath;
		this.httpPort = httpPort;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		if (this.tcp == null) {
			builder.withDetail("tcp", "disabled");
		}
		else if (this.tcp.isListening()) {
			builder.withDetail("tcp", "listening").withDetail("tcpPort", this.tcp.getPort());
		}
		else {
			builder.withDetail("tcp", "not listening");
			up = false;
		}
		if (this.websocketPath == null) {
			builder.withDetail("websocket", "disabled");
		}
		else {
			int port = this.httpPort.getAsInt();
			if (port > 0) {
				builder.withDetail("websocket", "up").withDetail("websocketPath", this.websocketPath)
					.withDetail("httpPort", port);
			}
			else {
				builder.withDetail("websocket", "web server not serving");
				up = false;
			}
		}
		builder.status(up ? Status.UP : Status.DOWN);
	}

}
