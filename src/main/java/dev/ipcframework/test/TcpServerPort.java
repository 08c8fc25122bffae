package dev.ipcframework.test;

import java.time.Duration;

import org.springframework.context.ApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The port the IPC TCP endpoint listens on. Apart from the auto-configuration, so that spring-integration-ip is
 * loaded only when a test connects over TCP.
 */
final class TcpServerPort {

	private TcpServerPort() {
	}

	static int of(ApplicationContext context, Duration timeout) {
		AbstractServerConnectionFactory factory = context.getBeanProvider(AbstractServerConnectionFactory.class)
			.getIfAvailable();
		if (factory == null) {
			throw new IllegalStateException(
					"The IPC test client connects over TCP, but the TCP endpoint is off (ipc.tcp.enabled=false)");
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		// the factory binds its socket on a thread of its own once the context has started
		while (!factory.isListening()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The IPC TCP endpoint is not listening after " + timeout);
			}
			Thread.onSpinWait();
		}
		return factory.getPort();
	}

}
