package dev.ipcframework.history;

import java.util.function.Function;

import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * Where the publishes of channels are kept, so that a subscriber that was away can recover what it missed, as
 * subscriptions and the {@code history} action read it. The in-memory store serves one server; with the cluster on,
 * a store in Redis is shared by all nodes.
 * <p>
 * How a publish is kept depends on the store, since it decides the order in which subscribers get it: the
 * in-memory store keeps it and hands it to this server's subscribers under the channel's lock
 * ({@link InMemoryHistoryStore#append}); the Redis store keeps it and hands it to every node in one step.
 * <p>
 * Either way, a subscriber that joins in {@link #recover}'s callback receives every later message live, and no
 * earlier one twice.
 */
public interface HistoryStore {

	/** Whether publishes to this application's channels are kept. */
	boolean keepsHistory(String appId);

	/**
	 * Finds what a subscriber missed since {@code since} and hands it to {@code join}: once joined there, the
	 * subscriber gets live every publish after what was found, and nothing found a second time.
	 * @param since the last position the subscriber saw, or {@code null} when it saw none
	 */
	<T> T recover(String appId, String channelId, @Nullable StreamPosition since, Function<Recovery, T> join);

	/**
	 * Reads kept messages after {@code since} (from the oldest kept when it is {@code null} or of another epoch).
	 * @param limit the most messages to read; 0 or less for all
	 */
	HistoryPage read(String appId, String channelId, @Nullable StreamPosition since, int limit);

}
