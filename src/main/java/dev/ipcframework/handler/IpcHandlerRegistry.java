package dev.ipcframework.handler;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.protocol.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * The handlers known to the server, one per {@link HandlerKey}.
 */
public class IpcHandlerRegistry {

	private final Map<HandlerKey, IpcHandlerEndpoint> endpoints = new ConcurrentHashMap<>();

	/**
	 * Adds a handler.
	 * @throws IllegalStateException when another method already handles the same key; the message names both
	 */
	public void register(IpcHandlerEndpoint endpoint) {
		MessageType type = endpoint.key().type();
		if (type != MessageType.REQUEST && type != MessageType.NOTIFICATION && type != MessageType.PUBLISH) {
			throw new IllegalStateException("@IpcHandler " + endpoint.describe() + " declares type " + type.wireName()
					+ "; only request, notification and publish messages are handled");
		}
		IpcHandlerEndpoint existing = this.endpoints.putIfAbsent(endpoint.key(), endpoint);
		if (existing != null) {
			throw new IllegalStateException("Two @IpcHandler methods for " + endpoint.key() + ": "
					+ existing.describe() + " and " + endpoint.describe());
		}
	}

	public @Nullable IpcHandlerEndpoint find(HandlerKey key) {
		return this.endpoints.get(key);
	}

	/** Whether any handler serves this channel, which declares it when channels are not created on first use. */
	public boolean handlesChannel(String appId, String channelId) {
		return this.endpoints.keySet()
			.stream()
			.anyMatch((key) -> key.appId().equals(appId) && key.channelId().equals(channelId));
	}

	public boolean handlesApp(String appId) {
		return this.endpoints.keySet().stream().anyMatch((key) -> key.appId().equals(appId));
	}

	public Collection<IpcHandlerEndpoint> endpoints() {
		return List.copyOf(this.endpoints.values());
	}

}
