package dev.ipcframework.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.ConnectionIdClaims;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which node holds each connection id, in Redis: ids are unique across the cluster, and a message for a connection
 * on another node finds that node. A claim held by a node that is no longer alive (its heartbeat key expired) is
 * taken over, so that a client whose node died reconnects elsewhere at once under its own id.
 */
public class ConnectionDirectory implements ConnectionIdClaims {

	private static final Log logger = LogFactory.getLog(ConnectionDirectory.class);

	/** Deletes the claim only if this node still holds it: a newer holder's claim stays. */
	private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
			+ "return redis.call('del', KEYS[1]) else return 0 end";

	/** How often, and how long apart, a claim held by another live node is tried again. */
	private static final int CLAIM_ATTEMPTS = 10;

	private static final long CLAIM_RETRY_MILLIS = 100;

	private final RedisLink link;

	private final String nodeId;

	private final byte[] nodeIdBytes;

	/** The ids of this node's connections, claimed again when the node rejoins. */
	private final Set<String> claimed = ConcurrentHashMap.newKeySet();

	public ConnectionDirectory(RedisLink link, String nodeId) {
		this.link = link;
		this.nodeId = nodeId;
		this.nodeIdBytes = ClusterKeys.bytes(nodeId);
	}

	/**
	 * Claims the id for this node. A client that moves from another node may connect here a moment before its old
	 * connection's close reaches that node, so a claim held by a live node is retried for about a second. While
	 * Redis is away the id is unique only on this node, and is claimed when the node rejoins.
	 */
	@Override
	public boolean claim(String connectionId) {
		byte[] key = ClusterKeys.connection(connectionId);
		try {
			for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
				RedisClusterAsyncCommands<byte[], byte[]> commands = this.link.commands();
				if (this.link.await(commands.set(key, this.nodeIdBytes, SetArgs.Builder.nx())) != null) {
					this.claimed.add(connectionId);
					return true;
				}
				byte[] owner = this.link.await(commands.get(key));
				if (owner != null && (ClusterKeys.text(owner).equals(this.nodeId) || !isAlive(ClusterKeys.text(owner)))) {
					// a claim left by a node that died, or by this node before Redis lost sight of it
					this.link.await(commands.set(key, this.nodeIdBytes));
					this.claimed.add(connectionId);
					return true;
				}
				if (owner != null) {
					Thread.sleep(CLAIM_RETRY_MILLIS);
				}
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ClusterUnavailableException ex) {
			this.claimed.add(connectionId);
			return true;
		}
	}

	@Override
	public void release(String connectionId) {
		this.claimed.remove(connectionId);
		try {
			this.link.commands()
				.eval(RELEASE, ScriptOutputType.INTEGER, new byte[][] { ClusterKeys.connection(connectionId) },
						this.nodeIdBytes);
		}
		catch (ClusterUnavailableException ex) {
			// taken over by whoever claims it next, since this node's claim is then stale
		}
	}

	/** The node that holds the connection, or {@code null} when none does (or Redis is away). */
	public @Nullable String owner(String connectionId) {
		try {
			byte[] owner = this.link.await(this.link.commands().get(ClusterKeys.connection(connectionId)));
			return (owner != null) ? ClusterKeys.text(owner) : null;
		}
		catch (ClusterUnavailableException ex) {
			return null;
		}
	}

	/** Claims this node's ids again, after Redis lost them (a restart) or lost sight of this node. */
	void reclaim() {
		RedisClusterAsyncCommands<byte[], byte[]> commands = this.link.commands();
		for (String connectionId : this.claimed) {
			byte[] key = ClusterKeys.connection(connectionId);
			if (this.link.await(commands.set(key, this.nodeIdBytes, SetArgs.Builder.nx())) == null) {
				byte[] owner = this.link.await(commands.get(key));
				if (owner != null && !ClusterKeys.text(owner).equals(this.nodeId)) {
					logger.warn("Connection id '" + connectionId + "' is held here and on node '"
							+ ClusterKeys.text(owner) + "': they connected while Redis was away");
				}
			}
		}
	}

	/** Releases every id of this node: it leaves the cluster. */
	void releaseAll() {
		this.claimed.forEach(this::release);
	}

	private boolean isAlive(String node) {
		return this.link.await(this.link.commands().exists(ClusterKeys.alive(node))) > 0;
	}

}
