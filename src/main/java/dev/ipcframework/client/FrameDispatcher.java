package dev.ipcframework.client;

import java.time.Duration;
import java.util.List;

import dev.ipcframework.protocol.DecodedFrame;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.InvalidFrameException;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;
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

	private final ChannelPositions positions;

	private final Reconnector reconnector;

	private final CallbackThread callbacks;

	FrameDispatcher(EnvelopeCodec codec, PendingRequests pending, SubscriptionTable subscriptions,
			ChannelPositions positions, ServedChannels served, Reconnector reconnector, CallbackThread callbacks) {
		this.codec = codec;
		this.pending = pending;
		this.subscriptions = subscriptions;
		this.served = served;
		this.positions = positions;
		this.reconnector = reconnector;
		this.callbacks = callbacks;
	}

	/** Handles one frame that arrived on {@code from}; answers (pongs, served responses) go back on it. */
	void dispatch(ClientConnection from, byte[] frame) {
		DecodedFrame decoded;
		try {
			decoded = this.codec.decodeFrame(frame);
		}
		catch (InvalidFrameException ex) {
			this.callbacks.error(ex);
			return;
		}
		IpcEnvelope message = decoded.envelope();
		if (message.messageType() == MessageType.RESPONSE) {
			if (message.replyTo() != null) {
				ChannelRecovery recovery = this.positions.acknowledged(message.replyTo(), message.payload());
				if (recovery != null) {
					this.callbacks.recovery(recovery);
				}
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
			deliver(message, decoded.position());
		}
	}

	private void deliver(IpcEnvelope message, @Nullable StreamPosition position) {
		List<MessageHandler> handlers = this.subscriptions.handlers(message.channelId());
		if (handlers.isEmpty() || (position != null && !this.positions.advance(message.channelId(), position))) {
			return;
		}
		for (MessageHandler handler : handlers) {
			this.callbacks.deliver(handler, message, position);
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
