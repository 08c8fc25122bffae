package dev.ipcframework.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * A client of an IPC Framework server, over TCP ({@code tcp://host:8888}) or WebSocket
 * ({@code ws://host:8080/ipc}), or either over TLS ({@code tcps://}, {@code wss://}; see
 * {@link Options.Builder#trustCertificates}). Made with {@link #connect(Options)}; thread-safe; {@link #close()} releases its
 * threads and socket.
 * <p>
 * Requests return a {@link CompletableFuture} that completes with the response payload, or fails with an
 * {@link IpcClientException} carrying the server's error code, a {@link RequestTimeoutException}, or an
 * {@link IpcConnectionException} when the connection drops (at once, not at the timeout). When the connection
 * drops the client reconnects with exponential backoff and jitter, then subscribes and serves again what it
 * subscribed and served before; on a server that keeps channel history, it recovers what was published on its
 * channels meanwhile (see {@link Options.Builder#recovery}). A heartbeat ping detects connections that died silently; pings from the server
 * are answered; a drain notice from a server that is stopping delays the reconnect by the time it asks for.
 * <p>
 * Futures are completed on the client's reader thread: chain blocking work with the {@code ...Async} methods.
 * Subscription handlers run one at a time on the client's callback thread; served requests run on a small pool.
 */
public final class IpcClient implements AutoCloseable {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final Options options;

	private final JsonMapper mapper;

	private final ClientExecutors executors;

	private final CallbackThread callbacks;

	private final PendingRequests pending;

	private final SubscriptionTable subscriptions = new SubscriptionTable();

	private final ChannelHistoryAccess history;

	private final ServedChannelRegistrar servedChannels;

	private final Reconnector reconnector;

	private final Connector connector;

	private IpcClient(Options options) {
		this.options = options;
		this.mapper = options.jsonMapper();
		this.executors = new ClientExecutors(options);
		this.callbacks = new CallbackThread(this, options.connectionListener());
		this.pending = new PendingRequests(this.executors.scheduler());
		ServedChannels served = new ServedChannels(this.executors.servePool(), this.mapper, this.callbacks::error);
		this.servedChannels = new ServedChannelRegistrar(served, this.mapper,
				(action) -> request(IpcEnvelope.SYSTEM_CHANNEL, action), this::isConnected);
		this.reconnector = new Reconnector(
				new Backoff(options.reconnectInitialDelay(), options.reconnectMaxDelay(), options.reconnectJitter()),
				options.maxReconnectAttempts(), this.executors.scheduler(), this::establish, this.callbacks::error,
				this::gaveUp);
		ChannelPositions positions = new ChannelPositions();
		EnvelopeCodec codec = new EnvelopeCodec();
		FrameDispatcher dispatcher = new FrameDispatcher(codec, this.pending, this.subscriptions, positions,
				served, this.reconnector, this.callbacks);
		this.connector = new Connector(options, codec, this.executors, this.pending, this.callbacks, this.reconnector,
				dispatcher, this::renew);
		this.history = new ChannelHistoryAccess(options, positions, this.connector::sendIfConnected,
				(action) -> request(IpcEnvelope.SYSTEM_CHANNEL, action));
	}

	/**
	 * Connects and completes the handshake.
	 * @throws IpcConnectionException when the server cannot be reached or refuses the handshake (unless
	 * {@link Options.Builder#retryInitialConnect} is set: then the client keeps trying in the background)
	 */
	public static IpcClient connect(Options options) {
		IpcClient client = new IpcClient(options);
		try {
			client.establish();
		}
		catch (Exception ex) {
			if (!options.retryInitialConnect()) {
				client.close();
				throw (ex instanceof IpcConnectionException connection) ? connection
						: new IpcConnectionException(IpcConnectionException.CONNECT_FAILED,
								"cannot connect to " + options.url() + ": " + ex.getMessage(), ex);
			}
			client.callbacks.error(ex);
			client.reconnector.start(ex);
		}
		return client;
	}

	public Options options() {
		return this.options;
	}

	/** Whether a connection is established now. */
	public boolean isConnected() {
		return this.connector.current() != null;
	}

	public boolean isClosed() {
		return this.connector.isClosed();
	}

	/** The id the connection is registered under; the same across reconnects. */
	public String connectionId() {
		return this.options.connectionId();
	}

	/** A request with the default timeout of {@link Options#requestTimeout()}. */
	public CompletableFuture<JsonNode> request(String channel, Object payload) {
		return send(envelope(channel, MessageType.REQUEST, toTree(payload)), this.options.requestTimeout(), false);
	}

	/**
	 * Sends a request and completes with the response payload. The request tells the server the timeout
	 * ({@code timeout_ms}), so that a request the server relays to a serving client is given up there too.
	 */
	public CompletableFuture<JsonNode> request(String channel, Object payload, Duration timeout) {
		return send(envelope(channel, MessageType.REQUEST, toTree(payload)), timeout, true);
	}

	/** A request whose response payload is converted to {@code type}, with the default timeout. */
	public <T> CompletableFuture<T> request(String channel, Object payload, Class<T> type) {
		return request(channel, payload).thenApply((node) -> this.mapper.treeToValue(node, type));
	}

	/** A request whose response payload is converted to {@code type} by the client's Jackson mapper. */
	public <T> CompletableFuture<T> request(String channel, Object payload, Class<T> type, Duration timeout) {
		return request(channel, payload, timeout).thenApply((node) -> this.mapper.treeToValue(node, type));
	}

	/**
	 * Sends a one-way notification.
	 * @throws IpcConnectionException while the client is not connected
	 */
	public void notify(String channel, Object payload) {
		this.connector.send(envelope(channel, MessageType.NOTIFICATION, toTree(payload)));
	}

	/**
	 * Publishes to every subscriber of the channel (this client too, if it is subscribed).
	 * @throws IpcConnectionException while the client is not connected
	 */
	public void publish(String channel, Object payload) {
		this.connector.send(envelope(channel, MessageType.PUBLISH, toTree(payload)));
	}

	/**
	 * Publishes, and completes once the server has handled the publish (a ping round trip later). Fails with the
	 * server's refusal as an {@link IpcClientException} (e.g. {@code FORBIDDEN} on channel {@code system},
	 * {@code RATE_LIMITED}), or with {@link IpcConnectionException} when not connected.
	 */
	public CompletableFuture<Void> publishConfirmed(String channel, Object payload) {
		return confirmed(envelope(channel, MessageType.PUBLISH, toTree(payload)));
	}

	/**
	 * Calls {@code handler} with every message published or pushed on the channel, until the returned
	 * subscription is cancelled. To know that the server has registered the subscription, use
	 * {@link #subscribeConfirmed}, or call {@link #ping()} and wait for it (the server handles one connection's
	 * frames in order).
	 */
	public Subscription subscribe(String channel, MessageHandler handler) {
		ChannelSubscription subscription = new ChannelSubscription(channel, handler, this.subscriptions,
				this.history::unsubscribe);
		if (this.subscriptions.add(channel, subscription)) {
			this.connector.sendIfConnected(this.history.firstSubscribe(channel));
		}
		return subscription;
	}

	/**
	 * Like {@link #subscribe(String, MessageHandler)}, and completes once the server has registered the
	 * subscription. When the server refuses it ({@code FORBIDDEN} on channel {@code system},
	 * {@code TOO_MANY_SUBSCRIPTIONS}, ...) the handler is removed and the future fails with the refusal as an
	 * {@link IpcClientException}.
	 */
	public CompletableFuture<Subscription> subscribeConfirmed(String channel, MessageHandler handler) {
		ChannelSubscription subscription = new ChannelSubscription(channel, handler, this.subscriptions,
				this.history::unsubscribe);
		if (!this.subscriptions.add(channel, subscription)) {
			// the channel's first handler subscribed the connection already
			return ping().thenApply((rtt) -> subscription);
		}
		return confirmed(this.history.firstSubscribe(channel)).handle((done, failure) -> {
			if (failure != null) {
				this.subscriptions.remove(channel, subscription);
				throw (failure instanceof CompletionException completion) ? completion
						: new CompletionException(failure);
			}
			return subscription;
		});
	}

	/** Like {@link #subscribe(String, MessageHandler)}, with each payload converted to {@code type}. */
	public <T> Subscription subscribe(String channel, Class<T> type, Consumer<T> handler) {
		return subscribe(channel, (message) -> handler.accept(this.mapper.treeToValue(message.payload(), type)));
	}

	/** Removes every handler of the channel and unsubscribes from it. */
	public void unsubscribe(String channel) {
		if (this.subscriptions.removeAll(channel)) {
			this.history.unsubscribe(channel);
		}
	}

	/** Serves the channel with a handler that receives the payload as a {@link JsonNode}. */
	public CompletableFuture<Subscription> serve(String channel, RequestHandler<JsonNode> handler) {
		return serve(channel, JsonNode.class, handler);
	}

	/**
	 * Answers the channel's requests that the server forwards to this client (the {@code serve} system action;
	 * see docs/relay.md). The future completes when the server has registered it; the registration is renewed
	 * after every reconnect until the returned subscription is cancelled.
	 */
	public <T> CompletableFuture<Subscription> serve(String channel, Class<T> type, RequestHandler<T> handler) {
		return this.servedChannels.serve(channel, type, handler);
	}

	/**
	 * The last position this client saw on a subscribed channel (from a message, or from the server's
	 * acknowledgement of the subscribe), which it names to recover from after a reconnect; {@code null} when it
	 * has seen none, or the server keeps no positions.
	 */
	public @Nullable StreamPosition position(String channel) {
		return this.history.position(channel);
	}

	/**
	 * Reads the messages the server keeps of a channel (the {@code history} system action, docs/history.md):
	 * completes with {@code {"messages":[…],"offset":…,"epoch":…}}, the kept messages after {@code since} (from
	 * the oldest kept when it is {@code null} or of another epoch), at most {@code limit} of them (all when it is
	 * 0), each the whole publish envelope with its {@code offset} and {@code epoch}, and the channel's latest
	 * position. To read on, call it again with the last message's position. Fails with {@code BAD_REQUEST} when the
	 * server keeps no history for the application.
	 */
	public CompletableFuture<JsonNode> history(String channel, @Nullable StreamPosition since, int limit) {
		return this.history.history(channel, since, limit);
	}

	/**
	 * Who is subscribed to a channel now (the {@code presence} system action, docs/history.md): completes with
	 * {@code {"count":N,"subscribers":[{"connection_id":…,"principal":…,"info":…}]}}. Fails with
	 * {@code BAD_REQUEST} when presence is off for the application.
	 */
	public CompletableFuture<JsonNode> presence(String channel) {
		return this.history.presence(channel);
	}

	/** Pings the server; completes with the round-trip time. */
	public CompletableFuture<Duration> ping() {
		long start = System.nanoTime();
		return request(IpcEnvelope.SYSTEM_CHANNEL, JSON.objectNode().put("action", "ping"))
			.thenApply((pong) -> Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Replaces the connection's token before it expires (the {@code refresh} system action); completes when the
	 * server accepted it, or fails with {@code UNAUTHORIZED}. Reconnects still send {@link Options#token()}: give a
	 * {@link Options.Builder#tokenSupplier} that returns the new token too.
	 */
	public CompletableFuture<JsonNode> refreshToken(String token) {
		return request(IpcEnvelope.SYSTEM_CHANNEL, JSON.objectNode().put("action", "refresh").put("token", token));
	}

	/** Closes the connection, stops reconnecting and releases every thread; outstanding requests fail. */
	@Override
	public void close() {
		if (!this.connector.close()) {
			return;
		}
		this.pending.failAll(new IpcConnectionException(IpcConnectionException.CLOSED, "the client was closed"));
		this.executors.stopServing();
		this.callbacks.shutdown();
		// last: close() may run on the scheduler (after the last reconnect attempt) and this interrupts it
		this.executors.shutdown();
		try {
			this.options.connectionListener().closed(this);
		}
		catch (RuntimeException ex) {
			// a listener's failure does not stop the close
		}
	}

	private void establish() throws Exception {
		this.connector.establish();
	}

	/**
	 * After a handshake: subscribe and serve again what was subscribed and served before, each channel from the
	 * last position seen on it.
	 */
	private void renew() {
		this.history.resubscribeAll(this.subscriptions.channels());
		this.servedChannels.renewAll();
	}

	private void gaveUp(Throwable cause) {
		this.callbacks.error(new IpcConnectionException(IpcConnectionException.CLOSED, "gave up reconnecting to "
				+ this.options.url() + ": " + cause.getMessage(), cause));
		this.executors.scheduler().execute(this::close);
	}

	/**
	 * Sends a message the server does not answer, and learns whether the server refused it: a refusal is an error
	 * notice on {@code system} whose {@code reply_to} names the message, and the server handles a connection's
	 * frames in order, so one that has not come by the time the next ping is answered never will.
	 */
	private CompletableFuture<Void> confirmed(IpcEnvelope message) {
		CompletableFuture<JsonNode> refusal = this.pending.register(message.messageId(), message.channelId(), null);
		try {
			this.connector.send(message);
		}
		catch (RuntimeException ex) {
			this.pending.fail(message.messageId(), ex);
			return refusal.thenApply((ignored) -> null);
		}
		ping().whenComplete((rtt, failure) -> {
			if (failure != null) {
				this.pending.fail(message.messageId(),
						(failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
								: failure);
			}
			else {
				this.pending.complete(message.messageId(), NullNode.getInstance());
			}
		});
		return refusal.thenApply((accepted) -> null);
	}

	/** @param tellServer whether the frame carries the timeout as {@code timeout_ms} */
	private CompletableFuture<JsonNode> send(IpcEnvelope request, Duration timeout, boolean tellServer) {
		ClientConnection connection;
		try {
			connection = this.connector.live();
		}
		catch (IpcConnectionException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<JsonNode> response = this.pending.register(request.messageId(), request.channelId(),
				timeout);
		try {
			connection.send(request, tellServer ? timeout : null);
		}
		catch (IOException ex) {
			this.pending.fail(request.messageId(), this.connector.lost(ex));
			connection.close();
		}
		return response;
	}

	private IpcEnvelope envelope(String channel, MessageType type, JsonNode payload) {
		return IpcEnvelope.create(this.options.appId(), channel, type, payload);
	}

	private JsonNode toTree(@Nullable Object payload) {
		return (payload instanceof JsonNode node) ? node : this.mapper.valueToTree(payload);
	}

}
