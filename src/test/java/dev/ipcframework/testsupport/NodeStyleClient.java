package dev.ipcframework.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Behaves like the original Node.js client ({@code IPCClient} of {@code @ifesol/ipc-framework-nodejs}): its only
 * way to receive messages is {@code subscribe(channelId, handler)}, which also sends a {@code subscribe} frame
 * naming its connection id; {@code sendRequest} puts {@code connection_id} into the payload; an answer is the
 * request's {@code createResponse(payload)}, a {@code response} with {@code reply_to} set to the request's id.
 */
public final class NodeStyleClient extends DispatchingClient {

	public NodeStyleClient(RawClient raw, String app) {
		super(raw, app);
	}

	/** {@code client.subscribe(channelId, handler)}. */
	public void subscribe(String channel, Consumer<JsonNode> handler) {
		onChannel(channel, handler);
		sendEnvelope(channel, "subscribe", Map.of("connection_id", connectionId()), null);
	}

	/** {@code client.sendRequest(channelId, payload)}. */
	public CompletableFuture<JsonNode> sendRequest(String channel, Map<String, ?> payload) {
		Map<String, Object> withId = new LinkedHashMap<>(payload);
		withId.put("connection_id", connectionId());
		return sendRequest(channel, (Object) withId);
	}

	/** Sends {@code request.createResponse(payload)}. */
	public void respond(JsonNode request, Object payload) {
		sendEnvelope(request.path("channel_id").asString(), "response", payload,
				request.path("message_id").asString());
	}

	/**
	 * What a Node.js service writes to answer a channel: subscribe with a handler that answers requests, then ask
	 * the server to forward the channel's requests. Completes with the server's answer to {@code serve}.
	 */
	public CompletableFuture<JsonNode> serve(String channel, Function<JsonNode, Object> answer) {
		subscribe(channel, (message) -> {
			if ("request".equals(message.path("message_type").asString())) {
				respond(message, answer.apply(message.path("payload")));
			}
		});
		return sendRequest("system", Map.of("action", "serve", "channel_id", channel));
	}

}
