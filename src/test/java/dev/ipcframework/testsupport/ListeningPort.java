package dev.ipcframework.testsupport;

import java.time.Duration;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The port a server's TCP connection factory listens on. A factory started on port 0 knows its port only once its
 * accepting thread has bound it, just after the application context reports it started.
 */
public final class ListeningPort {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private ListeningPort() {
	}

	/** The factory's port, once it listens (or after 10 s, when it never did: the test then fails to connect). */
	public static int of(AbstractServerConnectionFactory tcp) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!tcp.isListening() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		return tcp.getPort();
	}

}
