package dev.ipcframework.stats;

import java.time.Instant;
import java.util.Map;

import dev.ipcframework.protocol.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * What passed through the connections of one application since start.
 *
 * @param messagesReceived messages from its clients, by type
 * @param messagesSent messages to its clients, by type (a publish counts once per subscriber)
 * @param bytesReceived frame bytes from its clients
 * @param bytesSent frame bytes queued to its clients
 * @param lastActivity when a frame last came in or went out, {@code null} if none has
 */
public record AppStatistics(Map<MessageType, Long> messagesReceived, Map<MessageType, Long> messagesSent,
		long bytesReceived, long bytesSent, @Nullable Instant lastActivity) {
}
