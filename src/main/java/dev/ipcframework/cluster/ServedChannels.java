package dev.ipcframework.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.handler.HandlerKey;
import dev.ipcframework.handler.IpcHandlerEndpoint;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.relay.ServingListener;

/**
 * Which nodes answer requests on a channel, in Redis: a node is listed for a channel while a client of its serves
 * it or one of its {@code @IpcHandler} methods handles its requests. A node that dies stays listed until someone
 * notices its heartbeat has stopped; callers skip nodes that are not alive.
 */
public class ServedChannels implements ServingListener {

	private record Channel(String appId, String channelId) {
	}

	private final RedisLink link;

	private final IpcHandlerRegistry handlers;

	private final byte[] nodeId;

	/** What this node announces, announced again when it rejoins. */
	private final Set<Channel> announced = ConcurrentHashMap.newKeySet();

	public ServedChannels(RedisLink link, IpcHandlerRegistry handlers, String nodeId) {
		this.link = link;
		this.handlers = handlers;
		this.nodeId = ClusterKeys.bytes(nodeId);
	}

	/** Announced with the node's join: the requests its {@code @IpcHandler} methods answer. */
	void addHandlers() {
		for (IpcHandlerEndpoint endpoint : this.handlers.endpoints()) {
			HandlerKey key = endpoint.key();
			if (key.type() == MessageType.REQUEST) {
				this.announced.add(new Channel(key.appId(), key.channelId()));
			}
		}
	}

	@Override
	public void servingChanged(String appId, String channelId, boolean served) {
		Channel channel = new Channel(appId, channelId);
		byte[] key = ClusterKeys.served(appId, channelId);
		if (served) {
			this.announced.add(channel);
			send(() -> this.link.commands().sadd(key, this.nodeId));
		}
		else if (this.handlers.find(new HandlerKey(appId, channelId, MessageType.REQUEST)) == null) {
			this.announced.remove(channel);
			send(() -> this.link.commands().srem(key, this.nodeId));
		}
	}

	/**
	 * The nodes listed for the channel.
	 * @throws ClusterUnavailableException when Redis is away
	 */
	List<String> nodesServing(String appId, String channelId) {
		List<String> nodes = new ArrayList<>();
		for (byte[] node : this.link.await(this.link.commands().smembers(ClusterKeys.served(appId, channelId)))) {
			nodes.add(ClusterKeys.text(node));
		}
		return nodes;
	}

	/** Lists this node again for everything it answers. */
	void announce() {
		for (Channel channel : this.announced) {
			this.link.await(this.link.commands().sadd(ClusterKeys.served(channel.appId(), channel.channelId()),
					this.nodeId));
		}
	}

	/** Takes this node off every list: it leaves the cluster. */
	void withdraw() {
		for (Channel channel : this.announced) {
			send(() -> this.link.commands().srem(ClusterKeys.served(channel.appId(), channel.channelId()),
					this.nodeId));
		}
	}

	/** Takes a dead node off a channel's list, once a caller found it listed. */
	void forget(String appId, String channelId, String node) {
		send(() -> this.link.commands().srem(ClusterKeys.served(appId, channelId), ClusterKeys.bytes(node)));
	}

	/** Without waiting: called under the relay's lock. While Redis is away, the rejoin announces it. */
	private static void send(Runnable command) {
		try {
			command.run();
		}
		catch (ClusterUnavailableException ex) {
			// announced again when the node rejoins
		}
	}

}
