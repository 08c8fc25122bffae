package dev.ipcframework.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.ConnectionHandle;

/**
 * Which connection is subscribed to which channels, so that a closing connection leaves every channel it was in.
 */
public class SubscriptionRegistry {

	private final Map<ConnectionHandle, Set<IpcChannel>> byConnection = new ConcurrentHashMap<>();

	public void subscribe(ConnectionHandle connection, IpcChannel channel) {
		this.byConnection.computeIfAbsent(connection, (c) -> ConcurrentHashMap.newKeySet()).add(channel);
		channel.addSubscriber(connection);
	}

	public void unsubscribe(ConnectionHandle connection, IpcChannel channel) {
		channel.removeSubscriber(connection);
		Set<IpcChannel> channels = this.byConnection.get(connection);
		if (channels != null) {
			channels.remove(channel);
		}
	}

	public List<IpcChannel> subscriptionsOf(ConnectionHandle connection) {
		Set<IpcChannel> channels = this.byConnection.get(connection);
		return (channels != null) ? List.copyOf(channels) : List.of();
	}

	public void removeAll(ConnectionHandle connection) {
		Set<IpcChannel> channels = this.byConnection.remove(connection);
		if (channels != null) {
			channels.forEach((channel) -> channel.removeSubscriber(connection));
		}
	}

}
