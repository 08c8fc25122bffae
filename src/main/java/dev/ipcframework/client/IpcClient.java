package dev.ipcframework.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.InvalidFrameException;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of an IPC Framework server, over TCP ({@code tcp://host:8888}) or WebSocket
 * ({@code ws://host:8080/ipc}). Made with {@link #connect(Options)}; thread-safe; {@link #close()} releases its
 * threads and socket.
 * <p>
 * Requests return a {@link CompletableFuture} that completes with the response payload, or fails with an
 * {@link IpcClientException} carrying the server's error code, a {@link RequestTimeoutException}, or an
 * {@link IpcConnectionException} when the connection drops (at once, not at the timeout). When the connection
 * drops the client reconnects with exponential backoff and jitter, then subscribes and serves again what it
 * subscribed and served before. A heartbeat ping detects connections that died silently; pings from the server
 * are answered; a drain notice from a server that is stopping delays the reconnect by the time it asks for.
 * <p>
 * Futures are completed on the client's reader thread: chain blocking work with the {@code ...Async} methods.
 * Subscription handlers run one at a time on the client's callback thread; served requests run on a small pool.
 */
public final class IpcClient implements AutoCloseable {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final Options options;

	private final JsonMapper mapper;

	private final EnvelopeCodec codec = new EnvelopeCodec();

	private final ScheduledThreadPoolExecutor scheduler;

	private final ExecutorService callbacks;

	private final ThreadPoolExecutor servePool;

	private final ExecutorService httpExecutor;

	private final HttpClient httpClient;

	private final PendingRequests pending;

	private final SubscriptionTable subscriptions = new SubscriptionTable();

	private final ServedChannels served;

	private final Reconnector reconnector;

	private final Object lock = new Object();

	private @Nullable Session session;

	private volatile @Nullable Thread callbackThread;

	private boolean closed;

	private boolean everConnected;

	private IpcClient(Options options) {
		this.options = options;
		this.mapper = options.jsonMapper();
		this.scheduler = new ScheduledThreadPoolExecutor(1, daemonThreads("ipc-client-scheduler"));
		this.scheduler.setRemoveOnCancelPolicy(true);
		java.util.concurrent.ThreadFactory callbackThreads = daemonThreads("ipc-client-callbacks");
		this.callbacks = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = callbackThreads.newThread(task);
			this.callbackThread = thread;
			return thread;
		});
		this.servePool = new ThreadPoolExecutor(options.serveThreads(), options.serveThreads(), 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), daemonThreads("ipc-client-serve"));
		this.servePool.allowCoreThreadTimeOut(true);
		boolean websocket = !"tcp".equals(options.url().getScheme());
		this.httpExecutor = websocket ? Executors.newCachedThreadPool(daemonThreads("ipc-client-ws")) : null;
		this.httpClient = websocket ? HttpClient.newBuilder().executor(this.httpExecutor).build() : null;
		this.pending = new PendingRequests(this.scheduler);
		this.served = new ServedChannels(this.servePool, this.mapper, this::emitError);
		this.reconnector = new Reconnector(
				new Backoff(options.reconnectInitialDelay(), options.reconnectMaxDelay(), options.reconnectJitter()),
				options.maxReconnectAttempts(), this.scheduler, this::establish, this::emitError, this::gaveUp);
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
			client.emitError(ex);
			client.reconnector.start(ex);
		}
		return client;
	}

	public Options options() {
		return this.options;
	}

	/** Whether a connection is established now. */
	public boolean isConnected() {
		synchronized (this.lock) {
			return this.session != null;
		}
	}

	public boolean isClosed() {
		synchronized (this.lock) {
			return this.closed;
		}
	}

	/** The id the connection is registered under; the same across reconnects. */
	public String connectionId() {
		return this.options.connectionId();
	}

	/** A request with the default timeout of {@link Options#requestTimeout()}. */
	public CompletableFuture<JsonNode> request(String channel, Object payload) {
		return request(channel, payload, this.options.requestTimeout());
	}

	/** Sends a request and completes with the response payload. */
	public CompletableFuture<JsonNode> request(String channel, Object payload, Duration timeout) {
		IpcEnvelope request = envelope(channel, MessageType.REQUEST, toTree(payload));
		Session current;
		try {
			current = liveSession();
		}
		catch (IpcConnectionException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<JsonNode> response = this.pending.register(request.messageId(), channel, timeout);
		try {
			current.send(request);
		}
		catch (IOException ex) {
			this.pending.fail(request.messageId(), lost(ex));
			current.transport.close();
		}
		return response;
	}

	/** A request whose response payload is converted to {@code type}, with the default timeout. */
	public <T> CompletableFuture<T> request(String channel, Object payload, Class<T> type) {
		return request(channel, payload, type, this.options.requestTimeout());
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
		sendNow(envelope(channel, MessageType.NOTIFICATION, toTree(payload)));
	}

	/**
	 * Publishes to every subscriber of the channel (this client too, if it is subscribed).
	 * @throws IpcConnectionException while the client is not connected
	 */
	public void publish(String channel, Object payload) {
		sendNow(envelope(channel, MessageType.PUBLISH, toTree(payload)));
	}

	/**
	 * Calls {@code handler} with every message published or pushed on the channel, until the returned
	 * subscription is cancelled. The server sends no acknowledgement: call {@link #ping()} and wait for it to
	 * know that the server has registered the subscription (it handles one connection's frames in order).
	 */
	public Subscription subscribe(String channel, MessageHandler handler) {
		ChannelSubscription subscription = new ChannelSubscription(channel, handler);
		if (this.subscriptions.add(channel, subscription)) {
			sendIfConnected(envelope(channel, MessageType.SUBSCRIBE, connectionPayload()));
		}
		return subscription;
	}

	/** Like {@link #subscribe(String, MessageHandler)}, with each payload converted to {@code type}. */
	public <T> Subscription subscribe(String channel, Class<T> type, Consumer<T> handler) {
		return subscribe(channel, (message) -> handler.accept(this.mapper.treeToValue(message.payload(), type)));
	}

	/** Removes every handler of the channel and unsubscribes from it. */
	public void unsubscribe(String channel) {
		if (this.subscriptions.removeAll(channel)) {
			sendIfConnected(envelope(channel, MessageType.UNSUBSCRIBE, connectionPayload()));
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
		ServedChannels.Handler converting = (payload) -> handler
			.handle((type == JsonNode.class) ? type.cast(payload) : this.mapper.treeToValue(payload, type));
		CompletableFuture<Subscription> acknowledged = new CompletableFuture<>();
		ServedSubscription subscription = new ServedSubscription(channel);
		ServedChannels.Served entry = new ServedChannels.Served(channel, converting, subscription, acknowledged);
		subscription.entry = entry;
		this.served.put(entry);
		Session current = currentSession();
		if (current != null) {
			sendServe(entry);
		}
		return acknowledged;
	}

	/** Pings the server; completes with the round-trip time. */
	public CompletableFuture<Duration> ping() {
		long start = System.nanoTime();
		return request(IpcEnvelope.SYSTEM_CHANNEL, JSON.objectNode().put("action", "ping"))
			.thenApply((pong) -> Duration.ofNanos(System.nanoTime() - start));
	}

	/** Closes the connection, stops reconnecting and releases every thread; outstanding requests fail. */
	@Override
	public void close() {
		Session current;
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			current = this.session;
			this.session = null;
		}
		this.reconnector.stop();
		if (current != null) {
			current.heartbeat.stop();
			current.transport.close();
		}
		this.pending.failAll(new IpcConnectionException(IpcConnectionException.CLOSED, "the client was closed"));
		this.servePool.shutdownNow();
		// events already queued (the last error, the disconnect) still reach the listener, unless close() was
		// called from a listener: then the callback thread cannot wait for itself
		this.callbacks.shutdown();
		if (Thread.currentThread() != this.callbackThread) {
			try {
				this.callbacks.awaitTermination(2, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.callbacks.shutdownNow();
		// last: close() may run on the scheduler (after the last reconnect attempt) and this interrupts it
		this.scheduler.shutdownNow();
		if (this.httpExecutor != null) {
			this.httpExecutor.shutdownNow();
		}
		try {
			this.options.connectionListener().closed(this);
		}
		catch (RuntimeException ex) {
			// a listener's failure does not stop the close
		}
	}

	// connecting

	/** One attempt: open the transport, handshake, then subscribe and serve again. */
	private void establish() throws Exception {
		Session attempt = new Session();
		attempt.transport = ClientTransport.open(this.options.url(), this.options.connectTimeout(),
				this.options.maxFrameSize(), this.httpClient, attempt);
		ObjectNode connect = JSON.objectNode().put("action", "connect").put("connection_id", connectionId());
		IpcEnvelope request = envelope(IpcEnvelope.SYSTEM_CHANNEL, MessageType.REQUEST, connect);
		attempt.handshakeId = request.messageId();
		CompletableFuture<JsonNode> answer = this.pending.register(request.messageId(), "system", null);
		try {
			attempt.send(request);
			answer.get(this.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | IOException | InterruptedException ex) {
			this.pending.fail(request.messageId(), ex);
			attempt.transport.close();
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
				attempt.transport.close();
				throw new IpcConnectionException(IpcConnectionException.CONNECT_FAILED, "connection closed during handshake");
			}
			this.session = attempt;
			attempt.handshakeId = null;
			reconnected = this.everConnected;
			this.everConnected = true;
		}
		for (String channel : this.subscriptions.channels()) {
			sendIfConnected(envelope(channel, MessageType.SUBSCRIBE, connectionPayload()));
		}
		this.served.all().forEach(this::sendServe);
		attempt.heartbeat.start();
		emit((listener) -> listener.connected(this, connectionId(), reconnected));
	}

	private void sessionClosed(Session closedSession, @Nullable Throwable cause) {
		synchronized (this.lock) {
			closedSession.gone = true;
			if (this.session != closedSession) {
				String handshake = closedSession.handshakeId;
				if (handshake != null) {
					this.pending.fail(handshake, lost(cause));
				}
				return;
			}
			this.session = null;
		}
		closedSession.heartbeat.stop();
		IpcConnectionException lost = lost(cause);
		this.pending.failAll(lost);
		emit((listener) -> listener.disconnected(this, lost));
		this.reconnector.start(lost);
	}

	private void gaveUp(Throwable cause) {
		emitError(new IpcConnectionException(IpcConnectionException.CLOSED, "gave up reconnecting to "
				+ this.options.url() + ": " + cause.getMessage(), cause));
		this.scheduler.execute(this::close);
	}

	private IpcConnectionException lost(@Nullable Throwable cause) {
		return new IpcConnectionException(IpcConnectionException.CONNECTION_LOST, "connection to "
				+ this.options.url() + " lost" + ((cause != null) ? ": " + cause.getMessage() : ""), cause);
	}

	// inbound

	private void frameReceived(Session from, byte[] frame) {
		IpcEnvelope message;
		try {
			message = this.codec.decode(frame);
		}
		catch (InvalidFrameException ex) {
			emitError(ex);
			return;
		}
		if (message.messageType() == MessageType.RESPONSE) {
			if (message.replyTo() != null) {
				this.pending.complete(message.replyTo(), message.payload());
			}
		}
		else if (message.isSystem()) {
			systemMessage(from, message);
		}
		else if (message.messageType() == MessageType.REQUEST) {
			this.served.answer(message, (answer) -> from.trySend(answer));
		}
		else {
			deliver(message);
		}
	}

	private void systemMessage(Session from, IpcEnvelope message) {
		JsonNode payload = message.payload();
		String action = payload.path("action").asString("");
		if (message.messageType() == MessageType.REQUEST && "ping".equals(action)) {
			from.trySend(message.respond(JSON.objectNode().put("status", "pong")));
		}
		else if ("drain".equals(action)) {
			this.reconnector.drainNotice(Duration.ofMillis(Math.max(0, payload.path("reconnect_after_ms").asLong(0))));
		}
		else {
			IpcClientException error = ErrorPayloads.toException(payload);
			if (error != null) {
				emitError(error);
			}
		}
	}

	private void deliver(IpcEnvelope message) {
		for (MessageHandler handler : this.subscriptions.handlers(message.channelId())) {
			runCallback(() -> {
				try {
					handler.onMessage(message);
				}
				catch (Exception ex) {
					emitError(ex);
				}
			});
		}
	}

	// outbound

	private void sendServe(ServedChannels.Served entry) {
		ObjectNode serve = JSON.objectNode().put("action", "serve").put("channel_id", entry.channel());
		request(IpcEnvelope.SYSTEM_CHANNEL, serve).whenComplete((answer, error) -> {
			if (error == null) {
				entry.acknowledged().complete(entry.subscription());
			}
			else if (!(error instanceof IpcConnectionException)) {
				// refused (e.g. FORBIDDEN): the registration is void; a lost connection is retried on reconnect
				this.served.remove(entry);
				entry.acknowledged().completeExceptionally(error);
			}
		});
	}

	private void sendNow(IpcEnvelope message) {
		Session current = liveSession();
		try {
			current.send(message);
		}
		catch (IOException ex) {
			current.transport.close();
			throw lost(ex);
		}
	}

	private void sendIfConnected(IpcEnvelope message) {
		Session current = currentSession();
		if (current != null) {
			current.trySend(message);
		}
	}

	private @Nullable Session currentSession() {
		synchronized (this.lock) {
			return this.session;
		}
	}

	private Session liveSession() {
		synchronized (this.lock) {
			if (this.session != null) {
				return this.session;
			}
			throw this.closed ? new IpcConnectionException(IpcConnectionException.CLOSED, "the client is closed")
					: new IpcConnectionException(IpcConnectionException.NOT_CONNECTED,
							"not connected to " + this.options.url() + "; reconnecting");
		}
	}

	private IpcEnvelope envelope(String channel, MessageType type, JsonNode payload) {
		return IpcEnvelope.create(this.options.appId(), channel, type, payload);
	}

	private ObjectNode connectionPayload() {
		return JSON.objectNode().put("connection_id", connectionId());
	}

	private JsonNode toTree(@Nullable Object payload) {
		return (payload instanceof JsonNode node) ? node : this.mapper.valueToTree(payload);
	}

	// callbacks

	private void emitError(Throwable error) {
		emit((listener) -> listener.error(this, error));
	}

	private void emit(Consumer<ConnectionListener> event) {
		runCallback(() -> event.accept(this.options.connectionListener()));
	}

	private void runCallback(Runnable callback) {
		try {
			this.callbacks.execute(() -> {
				try {
					callback.run();
				}
				catch (RuntimeException ex) {
					// a listener's failure must not stop the callback thread
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// closed: nobody is listening any more
		}
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
		java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** One connection: its transport, handshake state and heartbeat. */
	private final class Session implements ClientTransport.Listener {

		ClientTransport transport;

		volatile @Nullable String handshakeId;

		boolean gone;

		final Heartbeat heartbeat = new Heartbeat(IpcClient.this.scheduler, IpcClient.this.options.pingInterval(),
				() -> IpcClient.this.pingOn(this), (dead) -> {
					emitError(dead);
					this.transport.close();
				});

		void send(IpcEnvelope message) throws IOException {
			this.transport.send(IpcClient.this.codec.encode(message));
		}

		void trySend(IpcEnvelope message) {
			try {
				send(message);
			}
			catch (IOException ex) {
				this.transport.close();
			}
		}

		@Override
		public void frame(byte[] frame) {
			frameReceived(this, frame);
		}

		@Override
		public void closed(@Nullable Throwable cause) {
			sessionClosed(this, cause);
		}

	}

	/** A ping on one session, without a timer: the heartbeat judges it at its next tick. */
	private CompletableFuture<?> pingOn(Session target) {
		IpcEnvelope ping = envelope(IpcEnvelope.SYSTEM_CHANNEL, MessageType.REQUEST, JSON.objectNode().put("action", "ping"));
		CompletableFuture<JsonNode> pong = this.pending.register(ping.messageId(), "system", null);
		target.trySend(ping);
		return pong;
	}

	/** A message handler as registered with {@link #subscribe}. */
	private final class ChannelSubscription implements Subscription, MessageHandler {

		private final String channel;

		private final MessageHandler handler;

		ChannelSubscription(String channel, MessageHandler handler) {
			this.channel = channel;
			this.handler = handler;
		}

		@Override
		public void onMessage(IpcEnvelope message) throws Exception {
			this.handler.onMessage(message);
		}

		@Override
		public String channel() {
			return this.channel;
		}

		@Override
		public boolean isActive() {
			return IpcClient.this.subscriptions.contains(this.channel, this);
		}

		@Override
		public void unsubscribe() {
			if (IpcClient.this.subscriptions.remove(this.channel, this)) {
				sendIfConnected(envelope(this.channel, MessageType.UNSUBSCRIBE, connectionPayload()));
			}
		}

	}

	/** A served channel as registered with {@link #serve}. */
	private final class ServedSubscription implements Subscription {

		private final String channel;

		ServedChannels.Served entry;

		ServedSubscription(String channel) {
			this.channel = channel;
		}

		@Override
		public String channel() {
			return this.channel;
		}

		@Override
		public boolean isActive() {
			return IpcClient.this.served.contains(this.entry);
		}

		@Override
		public void unsubscribe() {
			if (IpcClient.this.served.remove(this.entry) && isConnected()) {
				request(IpcEnvelope.SYSTEM_CHANNEL,
						JSON.objectNode().put("action", "unserve").put("channel_id", this.channel));
			}
		}

	}

}
