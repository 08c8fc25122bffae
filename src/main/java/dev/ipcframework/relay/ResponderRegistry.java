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

	/**
	 * Registers the connection as a responder for a channel of its own application; serving again only updates
	 * the group.
	 * @return the number of responders on the channel
	 */
	int serve(ConnectionHandle connection, String channelId, @Nullable String group) {
		Key key = new Key(connection.appId(), channelId);
		Pool pool = this.pools.computeIfAbsent(key, (k) -> new Pool());
		synchronized (pool) {
			Responder existing = find(pool, connection);
			if (existing == null || !Objects.equals(existing.group(), group)) {
				pool.members.add(new Responder(connection, channelId, group));
				if (existing != null) {
					// the old entry keeps counting its in-flight requests; it only stops being chosen
					pool.members.remove(existing);
				}
			}
			return pool.members.size();
		}
	}

	/** @return the responder that was removed, or {@code null} when the connection did not serve the channel */
	@Nullable Responder unserve(ConnectionHandle connection, String channelId) {
		Pool pool = this.pools.get(new Key(connection.appId(), channelId));
		if (pool == null) {
			return null;
		}
		synchronized (pool) {
			Responder existing = find(pool, connection);
			if (existing != null) {
				pool.members.remove(existing);
			}
			return existing;
		}
	}

	/** Removes every channel the connection served. */
	List<Responder> removeAll(ConnectionHandle connection) {
		List<Responder> removed = new ArrayList<>();
		for (Pool pool : this.pools.values()) {
			synchronized (pool) {
				Responder existing = find(pool, connection);
				if (existing != null) {
					pool.members.remove(existing);
					removed.add(existing);
				}
			}
		}
		return removed;
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
