package dev.ipcframework.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * Up while the TCP endpoint (when enabled) is listening.
 */
public class IpcHealthIndicator extends AbstractHealthIndicator {

	private final @Nullable AbstractServerConnectionFactory tcp;

	public IpcHealthIndicator(@Nullable AbstractServerConnectionFactory tcp) {
		super("IPC health check failed");
		this.tcp = tcp;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.tcp == null) {
			builder.up().withDetail("tcp", "disabled");
			return;
		}
		boolean listening = this.tcp.isListening();
		builder.status(listening ? "UP" : "DOWN").withDetail("tcp", listening ? "listening" : "not listening");
		if (listening) {
			builder.withDetail("tcpPort", this.tcp.getPort());
		}
	}

}
