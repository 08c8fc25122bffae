package dev.ipcframework.client;

import java.time.Duration;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.InvalidFrameException;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Where each frame from the server goes: a response to the request it answers, a system message (ping, drain
 * notice, error notice) to its handling here, a forwarded request to the channel the client serves, anything
 * else (publishes, pushes) to the channel's subscription handlers on the callback thread.
 */
final class FrameDispatcher {

	private final EnvelopeCodec codec;

	private final PendingRequests pending;

	private final SubscriptionTable subscriptions;

	private final ServedChannels served;

	private final Reconnector reconnector;

	private final CallbackThread callbacks;

	FrameDispatcher(EnvelopeCodec codec, PendingRequests pending, SubscriptionTable subscriptions,
			ServedChannels served, Reconnector reconnector, CallbackThread callbacks) {
		this.codec = codec;
		this.pending = pending;
		this.subscriptions = subscriptions;
		this.served = served;
		this.reconnector = reconnector;
		this.callbacks = callbacks;
	}

	/** Handles one frame that arrived on {@code from}; answers (pongs, served responses) go back on it. */
	void dispatch(ClientConnection from, byte[] frame) {
		IpcEnvelope message;
		try {
			message = this.codec.decode(frame);
		}
		catch (InvalidFrameException ex) {
			this.callbacks.error(ex);
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
			this.served.answer(message, from::trySend);
		}
		else {
			for (MessageHandler handler : this.subscriptions.handlers(message.channelId())) {
				this.callbacks.deliver(handler, message);
			}
		}
	}

	private void systemMessage(ClientConnection from, IpcEnvelope message) {
		JsonNode payload = message.payload();
		String action = payload.path("action").asString("");
		if (message.messageType() == MessageType.REQUEST && "ping".equals(action)) {
			from.trySend(message.respond(JsonNodeFactory.instance.objectNode().put("status", "pong")));
		}
		else if ("drain".equals(action)) {
			this.reconnector.drainNotice(Duration.ofMillis(Math.max(0, payload.path("reconnect_after_ms").asLong(0))));
		}
		else {
			IpcClientException error = ErrorPayloads.toException(payload);
			// a refusal of a message sent with confirmation goes to its sender, any other to the listener
			boolean awaited = error != null && message.replyTo() != null
					&& this.pending.complete(message.replyTo(), payload);
			if (error != null && !awaited) {
				this.callbacks.error(error);
			}
		}
	}

}
