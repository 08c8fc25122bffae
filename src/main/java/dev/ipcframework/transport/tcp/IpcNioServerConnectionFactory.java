package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

	/** Completed by the selector thread once the port listens, or with the reason it cannot. */
	private volatile CompletableFuture<Void> listening = new CompletableFuture<>();

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
		CompletableFuture<Void> outcome = new CompletableFuture<>();
		this.listening = outcome;
		super.start();
		IOException failure = null;
		try {
			outcome.get(BIND_WAIT.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			failure = (ex.getCause() instanceof IOException io) ? io : new IOException(ex.getCause());
		}
		catch (TimeoutException ex) {
			failure = new IOException("the TCP port did not listen within " + BIND_WAIT.toSeconds() + " s");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure = new IOException("interrupted while waiting for the TCP port to listen");
		}
		if (failure != null || !isListening()) {
			stop();
			throw new TcpListenException(getLocalAddress(), getPort(),
					(failure != null) ? failure : new IOException("the TCP port stopped listening"));
		}
	}

	@Override
	protected void setListening(boolean listening) {
		super.setListening(listening);
		if (listening) {
			this.listening.complete(null);
		}
	}

	@Override
	protected void publishServerExceptionEvent(Exception ex) {
		this.listening.completeExceptionally(ex);
		super.publishServerExceptionEvent(ex);
	}

	@Override
	protected void harvestClosedConnections() {
		if (this.harvests.due()) {
			super.harvestClosedConnections();
		}
	}

}
