package dev.ipcframework.stats;

import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.MessageType;

/**
 * A point-in-time copy of the server's counters (the original's {@code get_stats}).
 *
 * @param connectionsOpened connections accepted since start, by transport
 * @param connectionsClosed connections closed since start, by transport
 * @param messagesReceived frames received from clients, by type
 * @param messagesSent messages sent to clients, by type
 * @param errors error responses and notices sent, by code
 * @param publishesDelivered publishes handed to subscribers, one per subscriber
 * @param messagesDropped messages accepted but never delivered
 * @param slowConsumersClosed connections closed because their send buffer filled, by transport
 */
public record IpcStatistics(Map<Transport, Long> connectionsOpened, Map<Transport, Long> connectionsClosed,
		Map<MessageType, Long> messagesReceived, Map<MessageType, Long> messagesSent, Map<IpcErrorCode, Long> errors,
		long publishesDelivered, long messagesDropped,
		Map<Transport, Long> slowConsumersClosed) {

	/** Connections open now. */
	public long activeConnections() {
		return this.connectionsOpened.values().stream().mapToLong(Long::longValue).sum()
				- this.connectionsClosed.values().stream().mapToLong(Long::longValue).sum();
	}

}
