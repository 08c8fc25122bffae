package dev.ipcframework.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.ConnectionHandle;
import org.jspecify.annotations.Nullable;

/**
 * The connections serving each (application, channel), and the choice of one of them for a request: the fewest
 * outstanding requests, round-robin among equals.
 */
final class ResponderRegistry {

	private record Key(String appId, String channelId) {
	}

	private static final class Pool {

		final List<Responder> members = new CopyOnWriteArrayList<>();

		/** Where the next scan starts, so that ties rotate instead of always landing on the first member. */
		final AtomicInteger cursor = new AtomicInteger();

	}

	private final Map<Key, Pool> pools = new ConcurrentHashMap<>();

	private final ServingListener listener;

	ResponderRegistry(ServingListener listener) {
		this.listener = listener;
	}

	/**
	 * Registers the connection as a responder for a channel of its own application; serving again only updates
	 * the group.
	 * @return the number of responders on the channel
	 */
	int serve(ConnectionHandle connection, String channelId, @Nullable String group) {
		Key key = new Key(connection.appId(), channelId);
		// changed under the map's lock for the key, so that a pool is never dropped while a member joins it
		Pool pool = this.pools.compute(key, (k, existingPool) -> {
			Pool joined = (existingPool != null) ? existingPool : new Pool();
			if (existingPool == null) {
				this.listener.servingChanged(k.appId(), k.channelId(), true);
			}
			Responder existing = find(joined, connection);
			if (existing == null || !Objects.equals(existing.group(), group)) {
				joined.members.add(new Responder(connection, channelId, group));
				if (existing != null) {
					// the old entry keeps counting its in-flight requests; it only stops being chosen
					joined.members.remove(existing);
				}
			}
			return joined;
		});
		return pool.members.size();
	}

	/** @return the responder that was removed, or {@code null} when the connection did not serve the channel */
	@Nullable Responder unserve(ConnectionHandle connection, String channelId) {
		return leave(new Key(connection.appId(), channelId), connection);
	}

	/** Removes every channel the connection served. */
	List<Responder> removeAll(ConnectionHandle connection) {
		List<Responder> removed = new ArrayList<>();
		for (Key key : this.pools.keySet()) {
			Responder existing = leave(key, connection);
			if (existing != null) {
				removed.add(existing);
			}
		}
		return removed;
	}

	/** Takes the connection out of the pool, and drops the pool once it is empty: clients choose channel names. */
	private @Nullable Responder leave(Key key, ConnectionHandle connection) {
		Responder[] removed = new Responder[1];
		this.pools.computeIfPresent(key, (k, pool) -> {
			removed[0] = find(pool, connection);
			if (removed[0] != null) {
				pool.members.remove(removed[0]);
			}
			if (pool.members.isEmpty()) {
				this.listener.servingChanged(k.appId(), k.channelId(), false);
				return null;
			}
			return pool;
		});
		return removed[0];
	}

	/** Channels served now, over all applications. */
	int channelCount() {
		return this.pools.size();
	}

	/** The responder with the fewest outstanding requests, or {@code null} when nobody serves the channel. */
	@Nullable Responder select(String appId, String channelId) {
		Pool pool = this.pools.get(new Key(appId, channelId));
		if (pool == null) {
			return null;
		}
		Object[] members = pool.members.toArray();
		if (members.length == 0) {
			return null;
		}
		int start = Math.floorMod(pool.cursor.getAndIncrement(), members.length);
		Responder best = null;
		for (int i = 0; i < members.length; i++) {
			Responder candidate = (Responder) members[(start + i) % members.length];
			if (best == null || candidate.outstanding() < best.outstanding()) {
				best = candidate;
			}
		}
		return best;
	}

	int count(String appId, String channelId) {
		Pool pool = this.pools.get(new Key(appId, channelId));
		return (pool != null) ? pool.members.size() : 0;
	}

	private static @Nullable Responder find(Pool pool, ConnectionHandle connection) {
		for (Responder responder : pool.members) {
			if (responder.connection() == connection) {
				return responder;
			}
		}
		return null;
	}

}
