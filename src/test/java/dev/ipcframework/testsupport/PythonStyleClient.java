package dev.ipcframework.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * Behaves like the original Python client ({@code ipc_framework.FrameworkClient}): a handler registered per
 * channel receives every incoming message that is not a response, and {@code send_message(channel, type,
 * payload, reply_to=…)} sends any message type, so a Python service answers a forwarded request with
 * {@code send_message(channel, MessageType.RESPONSE, result, reply_to=message.message_id)}. It has no
 * {@code serve} call of its own: it asks with an ordinary request on channel {@code system}.
 */
public final class PythonStyleClient extends DispatchingClient {

	public PythonStyleClient(RawClient raw, String app) {
		super(raw, app);
	}

	/** {@code client.create_channel(channel_id)} with a handler: every non-response message on it. */
	public void registerHandler(String channel, Consumer<JsonNode> handler) {
		onChannel(channel, handler);
	}

	/** {@code client.send_message(channel_id, message_type, payload, reply_to)}. */
	public String sendMessage(String channel, String type, Object payload, String replyTo) {
		return sendEnvelope(channel, type, payload, replyTo);
	}

	/** {@code client.send_request(channel_id, payload)}, which puts the connection id into the payload. */
	public CompletableFuture<JsonNode> request(String channel, Map<String, ?> payload) {
		Map<String, Object> withId = new LinkedHashMap<>(payload);
		withId.put("connection_id", connectionId());
		return sendRequest(channel, withId);
	}

	/**
	 * What a Python service writes to answer a channel: register the handler, then ask the server to forward the
	 * channel's requests. Completes with the server's answer to {@code serve}.
	 */
	public CompletableFuture<JsonNode> serve(String channel, Function<JsonNode, Object> answer) {
		registerHandler(channel, (message) -> {
			if ("request".equals(message.path("message_type").asString())) {
				sendMessage(channel, "response", answer.apply(message.path("payload")),
						message.path("message_id").asString());
			}
		});
		return request("system", Map.of("action", "serve", "channel_id", channel));
	}

}
