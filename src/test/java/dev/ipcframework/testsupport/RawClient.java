package dev.ipcframework.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test client that speaks the protocol the way the original Python and Node.js clients do: a handshake with a
 * client-chosen connection id, snake_case envelopes with all seven fields, the connection id inside request
 * payloads, responses matched on {@code reply_to}. Subclasses only move frames.
 */
public abstract class RawClient implements AutoCloseable {

	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final CountDownLatch closed = new CountDownLatch(1);

	private final List<String> unparseable = new ArrayList<>();

	private String appId = "";

	private String connectionId = UUID.randomUUID().toString();

	public static RawClient tcp(int port) {
		return new TcpRawClient(port);
	}

	/** A TCP client with a small socket receive buffer, so that a stalled reader is felt quickly. */
	public static TcpRawClient tcp(int port, int receiveBufferBytes) {
		return new TcpRawClient(port, receiveBufferBytes);
	}

	/**
	 * A TCP client over TLS with the given context, checking the server's certificate for {@code 127.0.0.1}; the
	 * handshake is done when this returns.
	 */
	public static RawClient tls(int port, SSLContext context) {
		try {
			SSLSocket socket = (SSLSocket) context.getSocketFactory()
				.createSocket("127.0.0.1", port);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			socket.startHandshake();
			socket.setSoTimeout(0);
			return new TcpRawClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static RawClient websocket(URI uri) {
		return new WebSocketRawClient(uri);
	}

	/** A WebSocket client whose upgrade request carries these headers ({@code Authorization}, {@code Origin}). */
	public static RawClient websocket(URI uri, Map<String, String> upgradeHeaders) {
		return new WebSocketRawClient(uri, java.net.http.HttpClient.newHttpClient(), upgradeHeaders);
	}

	/** A WebSocket client on a shared {@link java.net.http.HttpClient}, for tests that open many at once. */
	public static RawClient websocket(URI uri, java.net.http.HttpClient httpClient) {
		return new WebSocketRawClient(uri, httpClient);
	}

	/** Sends one frame body as it is. */
	public abstract void sendFrame(byte[] body);

	/** Drops the connection without a goodbye, as a crashed client would. */
	@Override
	public abstract void close();

	/** Writes bytes to the transport with no framing of our own (TCP) or as one binary message (WebSocket). */
	public abstract void sendBytes(byte[] bytes);

	protected final void received(byte[] body) {
		try {
			this.frames.add(JSON.readTree(body));
		}
		catch (RuntimeException ex) {
			this.unparseable.add(new String(body, StandardCharsets.UTF_8));
		}
	}

	protected final void markClosed() {
		this.closed.countDown();
	}

	public String appId() {
		return this.appId;
	}

	public String connectionId() {
		return this.connectionId;
	}

	/** Performs the handshake and returns the acknowledgement. */
	public JsonNode connect(String app) {
		this.appId = app;
		String messageId = send("system", "request", Map.of("action", "connect", "connection_id", this.connectionId));
		JsonNode ack = awaitResponse(messageId);
		if (!"connected".equals(ack.path("payload").path("status").asString())) {
			throw new AssertionError("handshake refused: " + ack);
		}
		return ack;
	}

	/**
	 * Sends a connect request with extra payload fields (a {@code token}) and returns the server's answer, whether it
	 * accepted or refused.
	 */
	public JsonNode handshake(String app, Map<String, ?> extra) {
		this.appId = app;
		Map<String, Object> payload = new java.util.LinkedHashMap<>(extra);
		payload.put("action", "connect");
		payload.put("connection_id", this.connectionId);
		return awaitResponse(send("system", "request", payload));
	}

	/** Performs the handshake with a token and returns the acknowledgement. */
	public JsonNode connect(String app, String token) {
		JsonNode ack = handshake(app, Map.of("token", token));
		if (!"connected".equals(ack.path("payload").path("status").asString())) {
			throw new AssertionError("handshake refused: " + ack);
		}
		return ack;
	}

	/** Sends a message as the original clients build it and returns its id. */
	public String send(String channel, String type, Object payload) {
		return send(this.appId, channel, type, payload);
	}

	public String send(String app, String channel, String type, Object payload) {
		String messageId = UUID.randomUUID().toString();
		ObjectNode envelope = JSON.createObjectNode();
		envelope.put("message_id", messageId);
		envelope.put("app_id", app);
		envelope.put("channel_id", channel);
		envelope.put("message_type", type);
		envelope.set("payload", JSON.valueToTree(payload));
		envelope.put("timestamp", System.currentTimeMillis() / 1000.0);
		envelope.putNull("reply_to");
		sendJson(envelope.toString());
		return messageId;
	}

	public void sendJson(String json) {
		sendFrame(json.getBytes(StandardCharsets.UTF_8));
	}

	/** A request the way the original clients send one, with the connection id in the payload. */
	public JsonNode request(String channel, Map<String, ?> payload) {
		Map<String, Object> withId = new LinkedHashMap<>(payload);
		withId.put("connection_id", this.connectionId);
		return awaitResponse(send(channel, "request", withId));
	}

	/**
	 * Reads a channel's history with the {@code system} {@code history} action, and returns the response.
	 * @param since the position to read after, or null for the oldest kept
	 * @param limit the most messages to read, or null for all
	 */
	public JsonNode history(String channel, @Nullable StreamPosition since, @Nullable Integer limit) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("action", "history");
		payload.put("channel_id", channel);
		if (since != null) {
			payload.put("since", Map.of("offset", since.offset(), "epoch", since.epoch()));
		}
		if (limit != null) {
			payload.put("limit", limit);
		}
		return awaitResponse(send("system", "request", payload));
	}

	/**
	 * A ping round trip. The server handles one connection's frames in order, so everything sent before it has
	 * been acted on when it returns.
	 */
	public JsonNode sync() {
		JsonNode pong = awaitResponse(send("system", "request", Map.of("action", "ping")));
		if (!"pong".equals(pong.path("payload").path("status").asString())) {
			throw new AssertionError("ping not answered with pong: " + pong);
		}
		return pong;
	}

	public JsonNode awaitResponse(String requestId) {
		return await((frame) -> "response".equals(frame.path("message_type").asString())
				&& requestId.equals(frame.path("reply_to").asString()));
	}

	/** The next frame that matches, failing after {@link #TIMEOUT}; frames before it are discarded. */
	public JsonNode await(Predicate<JsonNode> match) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			JsonNode frame = poll(Duration.ofNanos(deadline - System.nanoTime()));
			if (frame == null) {
				throw new AssertionError("no matching frame within " + TIMEOUT + "; unparseable: " + this.unparseable);
			}
			if (match.test(frame)) {
				return frame;
			}
		}
	}

	/** The next frame, or {@code null} when none arrives in time. */
	public JsonNode poll(Duration wait) {
		try {
			return this.frames.poll(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/**
	 * Sends a connect request on a new connection and returns the server's first answer: the response, or a
	 * refusal sent as the connection opened. The server may refuse and close before the request goes out; the
	 * refusal is then read all the same.
	 */
	public JsonNode firstAnswerToConnect(String app) {
		try {
			send(app, "system", "request", Map.of("action", "connect"));
		}
		catch (UncheckedIOException | CompletionException ex) {
			if (!awaitClosed(TIMEOUT)) {
				throw new AssertionError("the connect request failed, yet the server did not close: " + ex, ex);
			}
		}
		return next();
	}

	public JsonNode next() {
		JsonNode frame = poll(TIMEOUT);
		if (frame == null) {
			throw new AssertionError("no frame within " + TIMEOUT);
		}
		return frame;
	}

	/** Whether the server closed the connection within the wait. */
	public boolean awaitClosed(Duration wait) {
		try {
			return this.closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	public boolean isClosed() {
		return this.closed.getCount() == 0;
	}

	public List<String> unparseableFrames() {
		return this.unparseable;
	}

	/** Builds a message field by field, for tests that send what the original clients would not. */
	public static ObjectNode envelope(String app, String channel, String type, Object payload) {
		ObjectNode envelope = JSON.createObjectNode();
		envelope.put("message_id", UUID.randomUUID().toString());
		envelope.put("app_id", app);
		envelope.put("channel_id", channel);
		envelope.put("message_type", type);
		envelope.set("payload", JSON.valueToTree(payload));
		envelope.put("timestamp", System.currentTimeMillis() / 1000.0);
		envelope.putNull("reply_to");
		return envelope;
	}

}
