package dev.ipcframework.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;

/**
 * Which connection is subscribed to which channels, so that a closing connection leaves every channel it was in.
 */
public class SubscriptionRegistry {

	private final Map<ConnectionHandle, Set<IpcChannel>> byConnection = new ConcurrentHashMap<>();

	private final int maxPerConnection;

	private final SubscriptionListener listener;

	public SubscriptionRegistry(int maxPerConnection) {
		this(maxPerConnection, SubscriptionListener.NONE);
	}

	/** @param listener told when a channel's first subscriber comes or its last one goes */
	public SubscriptionRegistry(int maxPerConnection, SubscriptionListener listener) {
		this.maxPerConnection = maxPerConnection;
		this.listener = listener;
	}

	/**
	 * Subscribes the connection to the channel; subscribing twice is harmless.
	 * @throws IpcException {@code TOO_MANY_SUBSCRIPTIONS} when the connection already holds the most it may
	 */
	public void subscribe(ConnectionHandle connection, IpcChannel channel) {
		Set<IpcChannel> channels = this.byConnection.computeIfAbsent(connection, (c) -> ConcurrentHashMap.newKeySet());
		if (!channels.contains(channel) && channels.size() >= this.maxPerConnection) {
			throw new IpcException(IpcErrorCode.TOO_MANY_SUBSCRIPTIONS,
					"a connection may subscribe to at most " + this.maxPerConnection + " channels");
		}
		channels.add(channel);
		if (channel.addSubscriber(connection) && channel.subscriberCount() == 1) {
			this.listener.subscribersChanged(channel);
		}
	}

	public void unsubscribe(ConnectionHandle connection, IpcChannel channel) {
		leave(connection, channel);
		Set<IpcChannel> channels = this.byConnection.get(connection);
		if (channels != null) {
			channels.remove(channel);
		}
	}

	public List<IpcChannel> subscriptionsOf(ConnectionHandle connection) {
		Set<IpcChannel> channels = this.byConnection.get(connection);
		return (channels != null) ? List.copyOf(channels) : List.of();
	}

	/** @return the channels the connection was subscribed to */
	public List<IpcChannel> removeAll(ConnectionHandle connection) {
		Set<IpcChannel> channels = this.byConnection.remove(connection);
		if (channels == null) {
			return List.of();
		}
		channels.forEach((channel) -> leave(connection, channel));
		return List.copyOf(channels);
	}

	private void leave(ConnectionHandle connection, IpcChannel channel) {
		if (channel.removeSubscriber(connection) && channel.subscriberCount() == 0) {
			this.listener.subscribersChanged(channel);
		}
	}

}
