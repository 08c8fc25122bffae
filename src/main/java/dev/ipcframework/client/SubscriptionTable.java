package dev.ipcframework.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's message handlers by channel. The server only knows whether the connection is subscribed to a
 * channel, so the first handler of a channel subscribes and the last one to leave unsubscribes.
 */
final class SubscriptionTable {

	private final Map<String, List<MessageHandler>> byChannel = new HashMap<>();

	/** @return whether it is the channel's first handler */
	synchronized boolean add(String channel, MessageHandler handler) {
		List<MessageHandler> handlers = this.byChannel.computeIfAbsent(channel, (key) -> new ArrayList<>());
		handlers.add(handler);
		return handlers.size() == 1;
	}

	/** @return whether it was the channel's last handler */
	synchronized boolean remove(String channel, MessageHandler handler) {
		List<MessageHandler> handlers = this.byChannel.get(channel);
		if (handlers == null || !handlers.remove(handler)) {
			return false;
		}
		if (handlers.isEmpty()) {
			this.byChannel.remove(channel);
			return true;
		}
		return false;
	}

	/** @return whether the channel had handlers */
	synchronized boolean removeAll(String channel) {
		return this.byChannel.remove(channel) != null;
	}

	synchronized boolean contains(String channel, MessageHandler handler) {
		List<MessageHandler> handlers = this.byChannel.get(channel);
		return handlers != null && handlers.contains(handler);
	}

	synchronized List<MessageHandler> handlers(String channel) {
		List<MessageHandler> handlers = this.byChannel.get(channel);
		return (handlers != null) ? List.copyOf(handlers) : List.of();
	}

	synchronized List<String> channels() {
		return List.copyOf(this.byChannel.keySet());
	}

}
