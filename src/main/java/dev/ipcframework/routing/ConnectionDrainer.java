package dev.ipcframework.routing;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes the server out of service gently: refuses new connections, tells every client when to come back (spread
 * at random so that they don't return at once), lets the requests in flight finish, then closes the connections.
 */
public class ConnectionDrainer {

	private static final Log logger = LogFactory.getLog(ConnectionDrainer.class);

	/** Time for closed connections' last frames to flush after the requests finished. */
	private static final Duration FLUSH_TIME = Duration.ofSeconds(2);

	private final ConnectionSupervisor supervisor;

	private final ConnectionRegistry connections;

	private final HandlerDispatcher handlers;

	private final ReplySender replies;

	private final Duration reconnectAfter;

	private final Duration reconnectJitter;

	public ConnectionDrainer(ConnectionSupervisor supervisor, ConnectionRegistry connections,
			HandlerDispatcher handlers, ReplySender replies, Duration reconnectAfter, Duration reconnectJitter) {
		this.supervisor = supervisor;
		this.connections = connections;
		this.handlers = handlers;
		this.replies = replies;
		this.reconnectAfter = reconnectAfter;
		this.reconnectJitter = reconnectJitter;
	}

	/** Drains, waiting at most {@code timeout} for requests in flight. */
	public void drain(Duration timeout) {
		this.supervisor.startDraining();
		int notified = 0;
		for (ConnectionHandle connection : this.connections.open()) {
			if (connection.isRegistered()) {
				this.replies.send(connection, drainNotice(connection));
				notified++;
			}
		}
		logger.info("Draining: told " + notified + " clients to reconnect later; waiting up to " + timeout.toMillis()
				+ " ms for " + this.handlers.inFlight() + " requests in flight");
		boolean finished = await(this::idle, timeout);
		if (!finished) {
			logger.warn("Drain timeout: closing connections with " + this.handlers.inFlight() + " requests in flight");
		}
		this.connections.open().forEach(ConnectionHandle::close);
		await(() -> this.connections.openCount() == 0, FLUSH_TIME);
	}

	private boolean idle() {
		return this.handlers.inFlight() == 0
				&& this.connections.open().stream().allMatch((connection) -> connection.inboundPending() == 0);
	}

	private IpcEnvelope drainNotice(ConnectionHandle connection) {
		long after = this.reconnectAfter.toMillis()
				+ ThreadLocalRandom.current().nextLong(this.reconnectJitter.toMillis() + 1);
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("action", "drain");
		payload.put("reconnect_after_ms", after);
		return IpcEnvelope.create(String.valueOf(connection.appId()), IpcEnvelope.SYSTEM_CHANNEL,
				MessageType.NOTIFICATION, payload);
	}

	private static boolean await(BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() >= deadline) {
				return false;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

}
