package dev.ipcframework.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registers the channels this client serves with the server (the {@code serve} and {@code unserve} system
 * actions; see docs/relay.md): when {@link IpcClient#serve} is called, again after every reconnect, until the
 * caller cancels the subscription. A refusal voids the registration; a lost connection leaves it for the next
 * reconnect.
 */
final class ServedChannelRegistrar {

	private final ServedChannels served;

	private final JsonMapper mapper;

	private final Function<ObjectNode, CompletableFuture<JsonNode>> systemRequest;

	private final BooleanSupplier connected;

	/** @param systemRequest sends a request on the {@code system} channel with the default timeout */
	ServedChannelRegistrar(ServedChannels served, JsonMapper mapper,
			Function<ObjectNode, CompletableFuture<JsonNode>> systemRequest, BooleanSupplier connected) {
		this.served = served;
		this.mapper = mapper;
		this.systemRequest = systemRequest;
		this.connected = connected;
	}

	/** Serves the channel; the future completes when the server has registered it. */
	<T> CompletableFuture<Subscription> serve(String channel, Class<T> type, RequestHandler<T> handler) {
		ServedChannels.Handler converting = (payload) -> handler
			.handle((type == JsonNode.class) ? type.cast(payload) : this.mapper.treeToValue(payload, type));
		CompletableFuture<Subscription> acknowledged = new CompletableFuture<>();
		ServedSubscription subscription = new ServedSubscription(channel);
		ServedChannels.Served entry = new ServedChannels.Served(channel, converting, subscription, acknowledged);
		subscription.entry = entry;
		this.served.put(entry);
		if (this.connected.getAsBoolean()) {
			sendServe(entry);
		}
		return acknowledged;
	}

	/** Registers every served channel again, on a new connection. */
	void renewAll() {
		this.served.all().forEach(this::sendServe);
	}

	private void sendServe(ServedChannels.Served entry) {
		ObjectNode serve = JsonNodeFactory.instance.objectNode().put("action", "serve").put("channel_id", entry.channel());
		this.systemRequest.apply(serve).whenComplete((answer, error) -> {
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

	/** A served channel as registered with {@link IpcClient#serve}. */
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
			return ServedChannelRegistrar.this.served.contains(this.entry);
		}

		@Override
		public void unsubscribe() {
			if (ServedChannelRegistrar.this.served.remove(this.entry) && ServedChannelRegistrar.this.connected.getAsBoolean()) {
				ServedChannelRegistrar.this.systemRequest
					.apply(JsonNodeFactory.instance.objectNode().put("action", "unserve").put("channel_id", this.channel));
			}
		}

	}

}
