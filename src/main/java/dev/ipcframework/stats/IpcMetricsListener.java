package dev.ipcframework.stats;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.MessageType;

/**
 * Receives, from the {@link StatisticsCollector}, the events that carry more than the collector keeps: which app
 * and channel a message was on, and how long a handler took. The Micrometer meters implement it; the server's
 * code only ever calls the collector.
 */
public interface IpcMetricsListener {

	/**
	 * {@code count} messages of clients were decoded; {@code appId} is that of their connection. Counted once per
	 * burst of frames a thread handled, not once per message.
	 */
	default void messagesReceived(String appId, String channelId, MessageType type, int count) {
	}

	/** The server queued {@code count} copies of a message to connections of {@code appId}. */
	default void messagesSent(String appId, String channelId, MessageType type, int count) {
	}

	/** Frames of {@code bytes} in all arrived on connections of {@code appId}. */
	default void bytesReceived(String appId, Transport transport, long bytes) {
	}

	/** Frame {@code bytes} were taken from the send buffer of a connection of {@code appId} to be written. */
	default void bytesSent(String appId, Transport transport, long bytes) {
	}

	/** The handler for a message type on a channel finished, returned or failed, after {@code nanos}. */
	default void handlerCompleted(String appId, String channelId, MessageType type, long nanos, boolean succeeded) {
	}

}
