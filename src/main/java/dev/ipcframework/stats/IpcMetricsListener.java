package dev.ipcframework.stats;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.MessageType;

/**
 * Receives, from the {@link StatisticsCollector}, the events that carry more than the collector keeps: which app
 * and channel a message was on, and how long a handler took. The Micrometer meters implement it; the server's
 * code only ever calls the collector.
 */
public interface IpcMetricsListener {

	/** A client's message was decoded; {@code appId} is that of the connection. */
	default void messageReceived(String appId, String channelId, MessageType type) {
	}

	/** The server queued {@code count} copies of a message to connections of {@code appId}. */
	default void messagesSent(String appId, String channelId, MessageType type, int count) {
	}

	/** A frame of {@code bytes} arrived on a connection of {@code appId}. */
	default void bytesReceived(String appId, Transport transport, int bytes) {
	}

	/** Frame {@code bytes} were taken from the send buffer of a connection of {@code appId} to be written. */
	default void bytesSent(String appId, Transport transport, long bytes) {
	}

	/** The handler for a message type on a channel finished, returned or failed, after {@code nanos}. */
	default void handlerCompleted(String appId, String channelId, MessageType type, long nanos, boolean succeeded) {
	}

}
