package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The node's heartbeat and its view of the other nodes. Each beat renews the node's {@code alive} key (its value
 * the node's number of connections, its time to live the node timeout) and reads the other nodes' keys: a node
 * whose key has expired is dead, and forgotten. When the node's own key was missing (the first beat, Redis restarted
 * empty, or the node was cut off for longer than the timeout) the node joins again: it announces what it serves and
 * claims its connection ids anew. Channel subscriptions need no announcing: Lettuce renews them on reconnect.
 */
public class ClusterMembership {

	private static final Log logger = LogFactory.getLog(ClusterMembership.class);

	/**
	 * A node in the cluster.
	 *
	 * @param nodeId its id
	 * @param connections its connections at its last heartbeat
	 */
	public record Node(String nodeId, int connections) {
	}

	private final RedisLink link;

	private final String nodeId;

	private final IntSupplier connectionCount;

	private final Duration nodeTimeout;

	private final List<Runnable> onJoin = new ArrayList<>();

	private final List<Consumer<String>> onNodeGone = new ArrayList<>();

	private volatile Map<String, Integer> nodes = Map.of();

	private volatile boolean up;

	/**
	 * @param connectionCount this node's connections now
	 * @param nodeTimeout how long a node's heartbeat key lives: a node silent for that long is dead
	 */
	public ClusterMembership(RedisLink link, String nodeId, IntSupplier connectionCount, Duration nodeTimeout) {
		this.link = link;
		this.nodeId = nodeId;
		this.connectionCount = connectionCount;
		this.nodeTimeout = nodeTimeout;
	}

	/** Runs when the node joins or rejoins, before it counts as up. */
	void onJoin(Runnable action) {
		this.onJoin.add(action);
	}

	/** Told the id of a node that died or left. */
	void onNodeGone(Consumer<String> action) {
		this.onNodeGone.add(action);
	}

	public String nodeId() {
		return this.nodeId;
	}

	/** Whether the last heartbeat reached Redis and the link is up. */
	public boolean isUp() {
		return this.up && this.link.isUp();
	}

	/** Whether the node was alive at the last heartbeat. */
	boolean isAlive(String node) {
		return this.nodes.containsKey(node);
	}

	/**
	 * Whether the node's heartbeat key exists now, asking Redis.
	 * @throws ClusterUnavailableException when Redis is away
	 */
	boolean isAliveNow(String node) {
		return this.link.await(this.link.commands().exists(ClusterKeys.alive(node))) > 0;
	}

	/** The nodes alive at the last heartbeat, this one with its connections now, in id order. */
	public List<Node> nodes() {
		Map<String, Integer> known = new TreeMap<>(this.nodes);
		known.put(this.nodeId, this.connectionCount.getAsInt());
		List<Node> list = new ArrayList<>();
		known.forEach((id, connections) -> list.add(new Node(id, connections)));
		return list;
	}

	/** One heartbeat; never throws. */
	void beat() {
		try {
			if (!this.link.connect()) {
				markDown(null);
				return;
			}
			RedisClusterAsyncCommands<byte[], byte[]> commands = this.link.commands();
			byte[] count = ClusterKeys.bytes(Integer.toString(this.connectionCount.getAsInt()));
			if (this.link.await(commands.set(ClusterKeys.alive(this.nodeId), count, SetArgs.Builder.xx()
				.px(this.nodeTimeout.toMillis()))) == null) {
				join(commands, count);
			}
			Map<String, Integer> alive = readNodes(commands);
			Set<String> gone = new HashSet<>(this.nodes.keySet());
			gone.removeAll(alive.keySet());
			this.nodes = alive;
			this.up = true;
			for (String node : gone) {
				if (!node.equals(this.nodeId)) {
					logger.info("Node '" + node + "' left the cluster");
					this.onNodeGone.forEach((action) -> action.accept(node));
				}
			}
		}
		catch (RuntimeException ex) {
			markDown(ex);
		}
	}

	/**
	 * The heartbeat key first: another node that finds this one in the set without the key takes it for dead and
	 * removes it. Should announcing fail, the key goes again, so that the next beat joins anew.
	 */
	private void join(RedisClusterAsyncCommands<byte[], byte[]> commands, byte[] count) {
		byte[] alive = ClusterKeys.alive(this.nodeId);
		this.link.await(commands.set(alive, count, SetArgs.Builder.px(this.nodeTimeout.toMillis())));
		try {
			this.link.await(commands.sadd(ClusterKeys.NODES, ClusterKeys.bytes(this.nodeId)));
			this.onJoin.forEach(Runnable::run);
		}
		catch (RuntimeException ex) {
			commands.del(alive);
			throw ex;
		}
		logger.info("Node '" + this.nodeId + "' joined the cluster");
	}

	/** Leaves the cluster: the other nodes forget this one at their next heartbeat. */
	void leave() {
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = this.link.commands();
			this.link.await(commands.srem(ClusterKeys.NODES, ClusterKeys.bytes(this.nodeId)));
			this.link.await(commands.del(ClusterKeys.alive(this.nodeId)));
		}
		catch (ClusterUnavailableException ex) {
			// its heartbeat key expires by itself
		}
		this.up = false;
	}

	private Map<String, Integer> readNodes(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		Map<String, RedisFuture<byte[]>> beats = new LinkedHashMap<>();
		for (byte[] member : this.link.await(commands.smembers(ClusterKeys.NODES))) {
			String node = ClusterKeys.text(member);
			beats.put(node, commands.get(ClusterKeys.alive(node)));
		}
		Map<String, Integer> alive = new TreeMap<>();
		beats.forEach((node, beat) -> {
			byte[] connections = this.link.await(beat);
			if (connections != null) {
				alive.put(node, Integer.parseInt(ClusterKeys.text(connections)));
			}
			else {
				// its key expired: it died without leaving
				commands.srem(ClusterKeys.NODES, ClusterKeys.bytes(node));
			}
		});
		return alive;
	}

	private void markDown(@Nullable RuntimeException cause) {
		if (this.up) {
			logger.warn("Lost Redis; node '" + this.nodeId + "' serves its own clients alone until it is back"
					+ ((cause != null) ? ": " + cause.getMessage() : ""));
		}
		this.up = false;
	}

}
