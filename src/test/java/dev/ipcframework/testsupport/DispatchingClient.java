package dev.ipcframework.testsupport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The receive side the original clients share: one reader thread hands each response to the request waiting on
 * its {@code reply_to}, and every other incoming message to the handler registered for its {@code channel_id}.
 * Handlers run on that reader thread, one at a time, as in the originals. Subclasses add each client's own API.
 */
public abstract class DispatchingClient implements AutoCloseable {

	private final RawClient raw;

	private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

	private final Map<String, Consumer<JsonNode>> handlers = new ConcurrentHashMap<>();

	private volatile boolean running = true;

	/** Connects the raw client to the application, then starts dispatching what it receives. */
	protected DispatchingClient(RawClient raw, String app) {
		this.raw = raw;
		raw.connect(app);
		Thread reader = new Thread(this::dispatchLoop, getClass().getSimpleName() + "-dispatch");
		reader.setDaemon(true);
		reader.start();
	}

	public String connectionId() {
		return this.raw.connectionId();
	}

	public String appId() {
		return this.raw.appId();
	}

	protected final void onChannel(String channel, Consumer<JsonNode> handler) {
		this.handlers.put(channel, handler);
	}

	/** Sends a message with every field as the originals write it and returns its id. */
	protected final String sendEnvelope(String channel, String type, Object payload, String replyTo) {
		ObjectNode envelope = RawClient.envelope(appId(), channel, type, payload);
		if (replyTo != null) {
			envelope.put("reply_to", replyTo);
		}
		this.raw.sendJson(envelope.toString());
		return envelope.path("message_id").asString();
	}

	/** Sends a request and returns the response to come; the caller decides how long to wait. */
	protected final CompletableFuture<JsonNode> sendRequest(String channel, Object payload) {
		ObjectNode envelope = RawClient.envelope(appId(), channel, "request", payload);
		CompletableFuture<JsonNode> response = new CompletableFuture<>();
		this.waiting.put(envelope.path("message_id").asString(), response);
		this.raw.sendJson(envelope.toString());
		return response;
	}

	private void dispatchLoop() {
		while (this.running && !this.raw.isClosed()) {
			JsonNode message;
			try {
				message = this.raw.poll(Duration.ofMillis(100));
			}
			catch (AssertionError interrupted) {
				// poll reports an interrupt this way: whoever owns the thread wants it to stop
				return;
			}
			if (message == null) {
				continue;
			}
			if ("response".equals(message.path("message_type").asString())) {
				CompletableFuture<JsonNode> request = this.waiting.remove(message.path("reply_to").asString());
				if (request != null) {
					request.complete(message);
				}
				continue;
			}
			Consumer<JsonNode> handler = this.handlers.get(message.path("channel_id").asString());
			if (handler != null) {
				handler.accept(message);
			}
		}
	}

	/** Drops the connection without a goodbye, as a crashed client would. */
	@Override
	public void close() {
		this.running = false;
		this.raw.close();
	}

}
