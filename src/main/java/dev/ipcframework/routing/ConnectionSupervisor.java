package dev.ipcframework.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.ThrottledLog;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.MessageType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Watches over connections from open to close: admits them (or refuses them when the server is full or
 * draining), closes those that send no connect request in time, closes as slow consumers those whose socket took
 * nothing for the write timeout, and, when an idle timeout is set, pings silent peers and closes those that stay
 * silent.
 */
public class ConnectionSupervisor {

	private static final Log logger = LogFactory.getLog(ConnectionSupervisor.class);

	/** Clients that go silent are closed as often as they reconnect to do it again. */
	private final ThrottledLog idleClosings = new ThrottledLog(logger);

	/** How long a connection being closed may block a write of its last frames. */
	private static final Duration CLOSING_WRITE_TIMEOUT = Duration.ofSeconds(1);

	/** A write blocked this long holds its thread for a peer that stopped reading, as far as the pool is concerned. */
	private static final long BLOCKED_WRITE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** How often blocked writes are looked for. */
	private static final long WRITE_CHECK_MILLIS = 100;

	private final ConnectionRegistry connections;

	private final ReplySender replies;

	private final ScheduledExecutorService scheduler;

	private final int maxConnections;

	private final Duration handshakeTimeout;

	private final Duration idleTimeout;

	private final Duration writeTimeout;

	private volatile boolean draining;

	/**
	 * Pending handshake checks, cancelled when the handshake completes or the connection closes, so that a closed
	 * connection is not held until its check would have fired.
	 */
	private final Map<ConnectionHandle, ScheduledFuture<?>> handshakeChecks = new ConcurrentHashMap<>();

	private @Nullable ScheduledFuture<?> idleCheck;

	private @Nullable ScheduledFuture<?> writeCheck;

	private volatile IntConsumer blockedWrites = (count) -> {
	};

	private volatile ConnectionsPerAddress perAddress = new ConnectionsPerAddress(0);

	private volatile @Nullable HeapHeadroom heap;

	public ConnectionSupervisor(ConnectionRegistry connections, ReplySender replies,
			ScheduledExecutorService scheduler, int maxConnections, Duration handshakeTimeout, Duration idleTimeout,
			Duration writeTimeout) {
		this.connections = connections;
		this.replies = replies;
		this.scheduler = scheduler;
		this.maxConnections = maxConnections;
		this.handshakeTimeout = handshakeTimeout;
		this.idleTimeout = idleTimeout;
		this.writeTimeout = writeTimeout;
	}

	/** At most this many connections open from one remote address; 0 (the default) for no limit. */
	public void setMaxConnectionsPerAddress(int limit) {
		this.perAddress = new ConnectionsPerAddress(limit);
	}

	/** New connections are refused while the heap is short of room. */
	public void refuseWhenShortOf(HeapHeadroom heap) {
		this.heap = heap;
	}

	/**
	 * Admits a new connection, or refuses it with an error and closes it.
	 * @return whether the connection was admitted
	 */
	public synchronized boolean admit(ConnectionHandle connection) {
		if (this.draining) {
			this.replies.fatal(connection, null,
					new IpcError(IpcErrorCode.SHUTTING_DOWN, "the server is shutting down; reconnect later"));
			return false;
		}
		if (this.connections.openCount() >= this.maxConnections) {
			this.replies.fatal(connection, null, new IpcError(IpcErrorCode.TOO_MANY_CONNECTIONS,
					"the server holds its maximum of " + this.maxConnections + " connections"));
			return false;
		}
		HeapHeadroom heap = this.heap;
		if (heap != null && heap.isShort()) {
			this.replies.fatal(connection, null, new IpcError(IpcErrorCode.TOO_MANY_CONNECTIONS, heap.describe()));
			return false;
		}
		if (!this.perAddress.tryOpen(connection)) {
			this.replies.fatal(connection, null, new IpcError(IpcErrorCode.TOO_MANY_CONNECTIONS,
					"this address holds its maximum of " + this.perAddress.limit() + " connections"));
			return false;
		}
		this.connections.opened(connection);
		if (!this.handshakeTimeout.isZero()) {
			this.handshakeChecks.put(connection,
					this.scheduler.schedule(() -> connection.inbound().execute(() -> enforceHandshake(connection)),
							this.handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS));
		}
		return true;
	}

	/** The connection completed its handshake: no check is needed any more. */
	public void handshakeCompleted(ConnectionHandle connection) {
		cancelHandshakeCheck(connection);
	}

	/** The connection closed. */
	public void closed(ConnectionHandle connection) {
		cancelHandshakeCheck(connection);
		this.perAddress.closed(connection);
	}

	private void cancelHandshakeCheck(ConnectionHandle connection) {
		ScheduledFuture<?> check = this.handshakeChecks.remove(connection);
		if (check != null) {
			check.cancel(false);
		}
	}

	/** Refuses every connection from now on. */
	public void startDraining() {
		this.draining = true;
	}

	public boolean isDraining() {
		return this.draining;
	}

	/** Told after each check how many writes have been blocked for a while (see {@code IpcExecutors}). */
	public void onBlockedWrites(IntConsumer listener) {
		this.blockedWrites = listener;
	}

	/** Admits connections again and starts the write checks, and the idle checks when an idle timeout is set. */
	public synchronized void start() {
		this.draining = false;
		if (!this.writeTimeout.isZero() && this.writeCheck == null) {
			this.writeCheck = this.scheduler.scheduleWithFixedDelay(this::checkWrites, WRITE_CHECK_MILLIS,
					WRITE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
		}
		if (!this.idleTimeout.isZero() && this.idleCheck == null) {
			long period = Math.max(250, this.idleTimeout.toMillis() / 4);
			this.idleCheck = this.scheduler.scheduleWithFixedDelay(this::checkIdle, period, period,
					TimeUnit.MILLISECONDS);
		}
	}

	public synchronized void stop() {
		if (this.writeCheck != null) {
			this.writeCheck.cancel(false);
			this.writeCheck = null;
		}
		if (this.idleCheck != null) {
			this.idleCheck.cancel(false);
			this.idleCheck = null;
		}
	}

	private void enforceHandshake(ConnectionHandle connection) {
		this.handshakeChecks.remove(connection);
		if (connection.isOpen() && !connection.isRegistered()) {
			this.replies.fatal(connection, null, new IpcError(IpcErrorCode.TIMEOUT,
					"no connect request within " + this.handshakeTimeout.toMillis() + " ms"));
		}
	}

	/**
	 * Sockets block writes to a peer that stopped reading, without a timeout of their own. A connection already
	 * being closed (a slow consumer waiting to take its notice) gets less time.
	 */
	private void checkWrites() {
		long now = System.nanoTime();
		long timeout = this.writeTimeout.toNanos();
		long closingTimeout = Math.min(timeout, CLOSING_WRITE_TIMEOUT.toNanos());
		int blockedWrites = 0;
		for (ConnectionHandle connection : this.connections.open()) {
			long blocked = connection.writeBlockedNanos(now);
			if (blocked >= (connection.isOpen() ? timeout : closingTimeout)) {
				connection.closeStalledWriter(blocked);
			}
			else if (blocked >= BLOCKED_WRITE_NANOS) {
				blockedWrites++;
			}
		}
		this.blockedWrites.accept(blockedWrites);
	}

	private void checkIdle() {
		long now = System.nanoTime();
		long timeout = this.idleTimeout.toNanos();
		for (ConnectionHandle connection : this.connections.open()) {
			long silent = now - connection.lastReceivedNanos();
			if (silent >= timeout) {
				this.idleClosings.info("idle",
						() -> "Closing " + connection + ": nothing received for " + (silent / 1_000_000) + " ms");
				connection.abort();
			}
			else if (silent >= timeout / 2 && connection.isRegistered()) {
				this.replies.send(connection, IpcEnvelope.create(String.valueOf(connection.appId()),
						IpcEnvelope.SYSTEM_CHANNEL, MessageType.REQUEST,
						JsonNodeFactory.instance.objectNode().put("action", "ping")));
			}
		}
	}

}
