package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;

/**
 * Spring Integration's NIO TCP server: one selector thread watches every connection, and a connection takes a pool
 * thread only while a read of it runs ({@link IpcNioConnection}). Two changes:
 * <ul>
 * <li>{@link #start()} returns once the port listens, and throws {@link TcpListenException} when it cannot be
 * bound: Spring Integration binds on its selector thread, logs a failure there and lets the application run on
 * without TCP;</li>
 * <li>closed connections are cleared out of its table at most every 100 ms ({@link HarvestInterval}), not after
 * every selection.</li>
 * </ul>
 */
public class IpcNioServerConnectionFactory extends TcpNioServerConnectionFactory {

	/** How long {@link #start()} waits for the selector thread to bind the port. */
	private static final Duration BIND_WAIT = Duration.ofSeconds(30);

	private final HarvestInterval harvests = new HarvestInterval();

	private volatile @Nullable Exception serverFailure;

	public IpcNioServerConnectionFactory(int port) {
		super(port);
	}

	/**
	 * Starts the selector thread and waits until it listens.
	 * @throws TcpListenException when the port cannot be bound (in use, or an address not of this host)
	 */
	@Override
	public synchronized void start() {
		if (isActive()) {
			return;
		}
		this.serverFailure = null;
		super.start();
		long deadline = System.nanoTime() + BIND_WAIT.toNanos();
		while (!isListening() && this.serverFailure == null && isActive() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (!isListening()) {
			Exception failure = this.serverFailure;
			stop();
			throw new TcpListenException(getLocalAddress(), getPort(), (failure instanceof IOException io) ? io
					: new IOException("the TCP port did not listen within " + BIND_WAIT.toSeconds() + " s", failure));
		}
	}

	@Override
	protected void publishServerExceptionEvent(Exception ex) {
		this.serverFailure = ex;
		super.publishServerExceptionEvent(ex);
	}

	@Override
	protected void harvestClosedConnections() {
		if (this.harvests.due()) {
			super.harvestClosedConnections();
		}
	}

}
