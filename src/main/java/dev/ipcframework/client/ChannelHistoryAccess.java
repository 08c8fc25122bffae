package dev.ipcframework.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's use of a server's channel history and presence (docs/history.md): subscribes that name the last
 * position seen on a channel, so that subscribing again after a reconnect recovers what was published meanwhile,
 * and the {@code history} and {@code presence} reads. {@link IpcClient} delegates to it.
 */
final class ChannelHistoryAccess {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final Options options;

	private final ChannelPositions positions;

	private final Consumer<IpcEnvelope> sendIfConnected;

	private final Function<ObjectNode, CompletableFuture<JsonNode>> systemRequest;

	/**
	 * @param sendIfConnected sends when connected, else drops the message (the renewal after the next handshake
	 * sends what matters)
	 * @param systemRequest sends a request on the {@code system} channel with the default timeout
	 */
	ChannelHistoryAccess(Options options, ChannelPositions positions, Consumer<IpcEnvelope> sendIfConnected,
			Function<ObjectNode, CompletableFuture<JsonNode>> systemRequest) {
		this.options = options;
		this.positions = positions;
		this.sendIfConnected = sendIfConnected;
		this.systemRequest = systemRequest;
	}

	/** The last position seen on the channel; see {@link IpcClient#position}. */
	@Nullable StreamPosition position(String channel) {
		return this.positions.last(channel);
	}

	/** The subscribe of a channel's first handler: from now, whatever was seen on the channel before. */
	IpcEnvelope firstSubscribe(String channel) {
		this.positions.forget(channel);
		return subscribeMessage(channel, null);
	}

	/** After a handshake: subscribes again to each channel, from the last position seen on it. */
	void resubscribeAll(List<String> channels) {
		this.positions.newConnection();
		for (String channel : channels) {
			this.sendIfConnected.accept(subscribeMessage(channel, this.positions.last(channel)));
		}
	}

	/** Leaves the channel, and forgets its position. */
	void unsubscribe(String channel) {
		this.positions.forget(channel);
		this.sendIfConnected.accept(envelope(channel, MessageType.UNSUBSCRIBE, connectionPayload()));
	}

	/** See {@link IpcClient#history}. */
	CompletableFuture<JsonNode> history(String channel, @Nullable StreamPosition since, int limit) {
		ObjectNode action = JSON.objectNode().put("action", "history").put("channel_id", channel);
		if (since != null) {
			action.set("since", since.toJson());
		}
		if (limit > 0) {
			action.put("limit", limit);
		}
		return this.systemRequest.apply(action);
	}

	/** See {@link IpcClient#presence}. */
	CompletableFuture<JsonNode> presence(String channel) {
		return this.systemRequest.apply(JSON.objectNode().put("action", "presence").put("channel_id", channel));
	}

	/** A subscribe whose acknowledgement will be awaited, naming {@code since} to recover from it. */
	private IpcEnvelope subscribeMessage(String channel, @Nullable StreamPosition since) {
		ObjectNode payload = connectionPayload();
		if (!this.options.recovery()) {
			return envelope(channel, MessageType.SUBSCRIBE, payload);
		}
		if (since != null) {
			payload.set("since", since.toJson());
		}
		IpcEnvelope subscribe = envelope(channel, MessageType.SUBSCRIBE, payload);
		this.positions.subscribing(subscribe.messageId(), channel, since);
		return subscribe;
	}

	private IpcEnvelope envelope(String channel, MessageType type, JsonNode payload) {
		return IpcEnvelope.create(this.options.appId(), channel, type, payload);
	}

	private ObjectNode connectionPayload() {
		return JSON.objectNode().put("connection_id", this.options.connectionId());
	}

}
