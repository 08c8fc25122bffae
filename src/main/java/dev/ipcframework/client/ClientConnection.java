package dev.ipcframework.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import org.jspecify.annotations.Nullable;

/**
 * One connection to the server: its transport, its handshake state and its heartbeat. A reconnect makes a new
 * one; what the transport reports goes to {@link Events} with this connection named, so that news from an old
 * connection is told apart from news of the current one.
 */
final class ClientConnection implements ClientTransport.Listener {

	/** What happens on a connection, from its transport's thread. */
	interface Events {

		void frame(ClientConnection from, byte[] frame);

		void closed(ClientConnection connection, @Nullable Throwable cause);

	}

	private final EnvelopeCodec codec;

	private final Events events;

	private final Heartbeat heartbeat;

	private ClientTransport transport;

	/** The id of the handshake request while the handshake runs. */
	volatile @Nullable String handshakeId;

	/** Set under the {@link Connector}'s lock once the transport has reported the connection closed. */
	boolean gone;

	/**
	 * @param ping sends a ping on the connection it is given and returns its answer, without a timer: the
	 * heartbeat judges it at its next tick
	 * @param errors where a connection found dead is reported
	 */
	ClientConnection(EnvelopeCodec codec, ScheduledExecutorService scheduler, Duration pingInterval,
			Function<ClientConnection, CompletableFuture<?>> ping, Consumer<Throwable> errors, Events events) {
		this.codec = codec;
		this.events = events;
		this.heartbeat = new Heartbeat(scheduler, pingInterval, () -> ping.apply(this), (dead) -> {
			errors.accept(dead);
			close();
		});
	}

	/** Opens the transport; frames and the close are reported from then on. */
	void open(Options options, @Nullable HttpClient httpClient) throws IOException {
		this.transport = ClientTransport.open(options, httpClient, this);
	}

	Heartbeat heartbeat() {
		return this.heartbeat;
	}

	void send(IpcEnvelope message) throws IOException {
		send(message, null);
	}

	/**
	 * Sends a request that tells the server how long its sender will wait ({@code timeout_ms}), so that a relayed
	 * request is given up on the server when the client gives up on it.
	 */
	void send(IpcEnvelope request, @Nullable Duration timeout) throws IOException {
		this.transport.send(this.codec.encode(request, timeout));
	}

	/** Sends, or closes the connection when it cannot: the close is reported and the client reconnects. */
	void trySend(IpcEnvelope message) {
		try {
			send(message);
		}
		catch (IOException ex) {
			close();
		}
	}

	void close() {
		this.transport.close();
	}

	@Override
	public void frame(byte[] frame) {
		this.events.frame(this, frame);
	}

	@Override
	public void closed(@Nullable Throwable cause) {
		this.events.closed(this, cause);
	}

}
