package dev.ipcframework.history;

import java.util.function.Consumer;
import java.util.function.Function;

import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * Where the publishes of channels are kept, so that a subscriber that was away can recover what it missed. The
 * in-memory store serves one server; a store shared by several servers (Redis Streams, say) can take its place
 * behind this interface.
 * <p>
 * A channel's appends and recoveries happen one at a time, each with its callback: a subscriber that joins in
 * {@link #recover}'s callback receives every later message live, and no earlier one twice.
 */
public interface HistoryStore {

	/** Whether publishes to this application's channels are kept. */
	boolean keepsHistory(String appId);

	/**
	 * Keeps a publish, giving it the channel's next position, and hands it to {@code deliver} before the channel's
	 * next append or recovery.
	 * @param frame the encoded publish, as connections without {@code offsets} receive it
	 * @param deliver receives the kept entry, or {@code null} when the message could not be kept (the application
	 * keeps no history, or has as many channel histories as it may)
	 */
	void append(String appId, String channelId, byte[] frame, Consumer<@Nullable HistoryEntry> deliver);

	/**
	 * Finds what a subscriber missed since {@code since} and hands it to {@code join}, before the channel's next
	 * append.
	 * @param since the last position the subscriber saw, or {@code null} when it saw none
	 */
	<T> T recover(String appId, String channelId, @Nullable StreamPosition since, Function<Recovery, T> join);

	/**
	 * Reads kept messages after {@code since} (from the oldest kept when it is {@code null} or of another epoch).
	 * @param limit the most messages to read; 0 or less for all
	 */
	HistoryPage read(String appId, String channelId, @Nullable StreamPosition since, int limit);

}
