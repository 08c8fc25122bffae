package dev.ipcframework.client;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opens connections and holds the one in use. An attempt opens the transport and completes the handshake before
 * it becomes the connection in use; when that connection drops, outstanding requests fail at once, the listener
 * hears of it and the {@link Reconnector} starts.
 */
final class Connector implements ClientConnection.Events {

	/** The capability that brings positions and subscribe acknowledgements, for recovery. */
	private static final String OFFSETS = "offsets";

	private final Options options;

	private final EnvelopeCodec codec;

	private final ClientExecutors executors;

	private final PendingRequests pending;

	private final CallbackThread callbacks;

	private final Reconnector reconnector;

	private final FrameDispatcher dispatcher;

	private final Runnable renew;

	private final Object lock = new Object();

	private @Nullable ClientConnection current;

	private boolean closed;

	private boolean everConnected;

	/** @param renew subscribes and serves again, on a new connection, what was subscribed and served before */
	Connector(Options options, EnvelopeCodec codec, ClientExecutors executors, PendingRequests pending,
			CallbackThread callbacks, Reconnector reconnector, FrameDispatcher dispatcher, Runnable renew) {
		this.options = options;
		this.codec = codec;
		this.executors = executors;
		this.pending = pending;
		this.callbacks = callbacks;
		this.reconnector = reconnector;
		this.dispatcher = dispatcher;
		this.renew = renew;
	}

	/** One attempt: open the transport, handshake, then subscribe and serve again. */
	void establish() throws Exception {
		ClientConnection attempt = new ClientConnection(this.codec, this.executors.scheduler(),
				this.options.pingInterval(), this::ping, this.callbacks::error, this);
		attempt.open(this.options, this.executors.httpClient());
		ObjectNode connect = JsonNodeFactory.instance.objectNode()
			.put("action", "connect")
			.put("connection_id", this.options.connectionId());
		String token = this.options.token();
		if (token != null) {
			connect.put("token", token);
		}
		if (this.options.recovery()) {
			// positions on publishes and acknowledgements of subscribes, which the original clients cannot read
			connect.putArray("capabilities").add(OFFSETS);
		}
		IpcEnvelope request = system(connect);
		attempt.handshakeId = request.messageId();
		CompletableFuture<JsonNode> answer = this.pending.register(request.messageId(), "system", null);
		try {
			attempt.send(request);
			answer.get(this.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | IOException | InterruptedException ex) {
			this.pending.fail(request.messageId(), ex);
			attempt.close();
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			throw new IpcConnectionException(IpcConnectionException.CONNECT_FAILED,
					"handshake with " + this.options.url() + " failed: " + cause.getMessage(), cause);
		}
		boolean reconnected;
		synchronized (this.lock) {
			if (this.closed || attempt.gone) {
				attempt.close();
				throw new IpcConnectionException(IpcConnectionException.CONNECT_FAILED, "connection closed during handshake");
			}
			this.current = attempt;
			attempt.handshakeId = null;
			reconnected = this.everConnected;
			this.everConnected = true;
		}
		this.renew.run();
		attempt.heartbeat().start();
		this.callbacks.connected(this.options.connectionId(), reconnected);
	}

	@Override
	public void frame(ClientConnection from, byte[] frame) {
		this.dispatcher.dispatch(from, frame);
	}

	@Override
	public void closed(ClientConnection connection, @Nullable Throwable cause) {
		synchronized (this.lock) {
			connection.gone = true;
			if (this.current != connection) {
				String handshake = connection.handshakeId;
				if (handshake != null) {
					this.pending.fail(handshake, lost(cause));
				}
				return;
			}
			this.current = null;
		}
		connection.heartbeat().stop();
		IpcConnectionException lost = lost(cause);
		this.pending.failAll(lost);
		this.callbacks.disconnected(lost);
		this.reconnector.start(lost);
	}

	/**
	 * Closes for good: no more attempts, and the connection in use is closed.
	 * @return {@code false} when it was closed already
	 */
	boolean close() {
		ClientConnection connection;
		synchronized (this.lock) {
			if (this.closed) {
				return false;
			}
			this.closed = true;
			connection = this.current;
			this.current = null;
		}
		this.reconnector.stop();
		if (connection != null) {
			connection.heartbeat().stop();
			connection.close();
		}
		return true;
	}

	boolean isClosed() {
		synchronized (this.lock) {
			return this.closed;
		}
	}

	/** The connection in use, or null while there is none. */
	@Nullable ClientConnection current() {
		synchronized (this.lock) {
			return this.current;
		}
	}

	/** @throws IpcConnectionException while there is no connection in use */
	ClientConnection live() {
		synchronized (this.lock) {
			if (this.current != null) {
				return this.current;
			}
			throw this.closed ? new IpcConnectionException(IpcConnectionException.CLOSED, "the client is closed")
					: new IpcConnectionException(IpcConnectionException.NOT_CONNECTED,
							"not connected to " + this.options.url() + "; reconnecting");
		}
	}

	/** @throws IpcConnectionException while not connected, or when the connection broke while sending */
	void send(IpcEnvelope message) {
		ClientConnection connection = live();
		try {
			connection.send(message);
		}
		catch (IOException ex) {
			connection.close();
			throw lost(ex);
		}
	}

	/** Sends when connected; a message that cannot go now is for the renewal after the next handshake. */
	void sendIfConnected(IpcEnvelope message) {
		ClientConnection connection = current();
		if (connection != null) {
			connection.trySend(message);
		}
	}

	IpcConnectionException lost(@Nullable Throwable cause) {
		return new IpcConnectionException(IpcConnectionException.CONNECTION_LOST, "connection to "
				+ this.options.url() + " lost" + ((cause != null) ? ": " + cause.getMessage() : ""), cause);
	}

	/** A heartbeat ping on one connection, without a timer: the heartbeat judges it at its next tick. */
	private CompletableFuture<?> ping(ClientConnection target) {
		IpcEnvelope ping = system(JsonNodeFactory.instance.objectNode().put("action", "ping"));
		CompletableFuture<JsonNode> pong = this.pending.register(ping.messageId(), "system", null);
		target.trySend(ping);
		return pong;
	}

	private IpcEnvelope system(ObjectNode payload) {
		return IpcEnvelope.create(this.options.appId(), IpcEnvelope.SYSTEM_CHANNEL, MessageType.REQUEST, payload);
	}

}
