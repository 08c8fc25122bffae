package dev.ipcframework.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.cluster.ClusterMessage.Kind;
import dev.ipcframework.presence.PresenceRegistry;
import dev.ipcframework.presence.PresenceSharing;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Presence across the nodes, in Redis: per channel, the set of nodes with subscribers to it
 * ({@link ClusterKeys#presenceNodes}) and a hash of each node's subscribers ({@link ClusterKeys#presence}). Joins and
 * leaves go to the channel's pub/sub topic for the listeners on other nodes.
 * <p>
 * Entries live as long as their node: readers skip the entries of a node whose heartbeat key has expired and remove
 * them, its death is told to this node's listeners as the leaving of its subscribers, and a node that joins (again)
 * first clears what a former run of it left, then announces its subscribers anew.
 */
public class ClusterPresence implements PresenceSharing {

	private static final JsonMapper JSON = new JsonMapper();

	private record Channel(String appId, String channelId) {

		String key() {
			return ClusterKeys.channel(this.appId, this.channelId);
		}

	}

	private final RedisLink link;

	private final ClusterMembership membership;

	private final String nodeId;

	private final byte[] nodeIdBytes;

	/** This node's subscribers, by channel: announced again when the node rejoins. */
	private final Map<Channel, Map<String, byte[]>> announced = new ConcurrentHashMap<>();

	public ClusterPresence(RedisLink link, ClusterMembership membership) {
		this.link = link;
		this.membership = membership;
		this.nodeId = membership.nodeId();
		this.nodeIdBytes = ClusterKeys.bytes(this.nodeId);
	}

	@Override
	public boolean shares() {
		return true;
	}

	@Override
	public void joined(String appId, String channelId, String connectionId, ObjectNode subscriber, byte[] event) {
		Channel channel = new Channel(appId, channelId);
		byte[] entry = JSON.writeValueAsBytes(subscriber);
		// under the channel's lock, so that Redis gets a channel's joins and leaves in the order they happened
		this.announced.compute(channel, (key, members) -> {
			Map<String, byte[]> current = (members != null) ? members : new ConcurrentHashMap<>();
			current.put(connectionId, entry);
			send((commands) -> add(commands, channel, connectionId, entry));
			return current;
		});
		this.link.publish(ClusterKeys.publishTopic(appId, channelId),
				new ClusterMessage(Kind.PRESENCE, this.nodeId, appId, channelId, event).toBytes());
	}

	@Override
	public void left(String appId, String channelId, String connectionId, byte[] event) {
		Channel channel = new Channel(appId, channelId);
		this.announced.computeIfPresent(channel, (key, members) -> {
			members.remove(connectionId);
			send((commands) -> {
				commands.hdel(ClusterKeys.presence(channel.key(), this.nodeId), ClusterKeys.bytes(connectionId));
				if (members.isEmpty()) {
					commands.srem(ClusterKeys.presenceNodes(channel.key()), this.nodeIdBytes);
					commands.srem(ClusterKeys.presenceChannels(this.nodeId), ClusterKeys.bytes(channel.key()));
				}
			});
			return members.isEmpty() ? null : members;
		});
		this.link.publish(ClusterKeys.publishTopic(appId, channelId),
				new ClusterMessage(Kind.PRESENCE, this.nodeId, appId, channelId, event).toBytes());
	}

	/** The subscribers of live nodes other than this one; none while Redis is away. */
	@Override
	public List<JsonNode> elsewhere(String appId, String channelId) {
		String channel = ClusterKeys.channel(appId, channelId);
		List<JsonNode> subscribers = new ArrayList<>();
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = this.link.commands();
			for (byte[] member : this.link.await(commands.smembers(ClusterKeys.presenceNodes(channel)))) {
				String node = ClusterKeys.text(member);
				if (node.equals(this.nodeId)) {
					continue;
				}
				if (this.membership.isAlive(node) || this.membership.isAliveNow(node)) {
					for (byte[] entry : this.link.await(commands.hvals(ClusterKeys.presence(channel, node)))) {
						subscribers.add(JSON.readTree(entry));
					}
				}
				else {
					// a node that died without leaving
					commands.srem(ClusterKeys.presenceNodes(channel), member);
					commands.del(ClusterKeys.presence(channel, node));
				}
			}
		}
		catch (ClusterUnavailableException ex) {
			return List.of();
		}
		return subscribers;
	}

	/** The node joined or rejoined: what a former run of it left goes, and its subscribers are announced anew. */
	void announce() {
		clear();
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.link.commands();
		this.announced.forEach((channel, members) -> members
			.forEach((connectionId, entry) -> add(commands, channel, connectionId, entry)));
	}

	/** Takes this node's subscribers out of every channel's presence: it leaves the cluster. */
	void withdraw() {
		try {
			clear();
		}
		catch (ClusterUnavailableException ex) {
			// the others skip this node's entries once its heartbeat key has expired
		}
	}

	/** A node died or left: this node's listeners hear that its subscribers left the channels they share. */
	void nodeGone(String node, PresenceRegistry registry) {
		try {
			if (this.membership.isAliveNow(node)) {
				// back already (Redis lost its data and both joined again): its subscribers never left
				return;
			}
			for (Channel channel : this.announced.keySet()) {
				for (byte[] entry : this.link
					.await(this.link.commands().hvals(ClusterKeys.presence(channel.key(), node)))) {
					registry.leftElsewhere(channel.appId(), channel.channelId(), JSON.readTree(entry));
				}
			}
		}
		catch (ClusterUnavailableException ex) {
			// the listeners find out from the next presence answer
		}
	}

	private void clear() {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.link.commands();
		byte[] channels = ClusterKeys.presenceChannels(this.nodeId);
		for (byte[] member : this.link.await(commands.smembers(channels))) {
			String channel = ClusterKeys.text(member);
			commands.srem(ClusterKeys.presenceNodes(channel), this.nodeIdBytes);
			commands.del(ClusterKeys.presence(channel, this.nodeId));
		}
		this.link.await(commands.del(channels));
	}

	private void add(RedisClusterAsyncCommands<byte[], byte[]> commands, Channel channel, String connectionId,
			byte[] entry) {
		commands.sadd(ClusterKeys.presenceChannels(this.nodeId), ClusterKeys.bytes(channel.key()));
		commands.hset(ClusterKeys.presence(channel.key(), this.nodeId), ClusterKeys.bytes(connectionId), entry);
		commands.sadd(ClusterKeys.presenceNodes(channel.key()), this.nodeIdBytes);
	}

	/** Without waiting; while Redis is away, the rejoin announces it. */
	private void send(java.util.function.Consumer<RedisClusterAsyncCommands<byte[], byte[]>> command) {
		try {
			command.accept(this.link.commands());
		}
		catch (ClusterUnavailableException ex) {
			// announced again when the node rejoins
		}
	}

}
