package dev.ipcframework.dashboard;

import java.time.Instant;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * One point of the dashboard's charts: rates over the second before {@code time}, from the difference of two
 * consecutive snapshots of the server's counters and the server's own clock.
 *
 * @param time when the server took the snapshot
 * @param messagesIn messages received from clients per second
 * @param messagesOut messages queued to clients per second, a publish once per subscriber
 * @param errors error responses and notices per second, by code, for every code seen since start
 * @param connections connections past their handshake now, by transport
 * @param latency handler latency over the interval, {@code null} without Micrometer
 */
public record DashboardPoint(Instant time, double messagesIn, double messagesOut, Map<IpcErrorCode, Double> errors,
		Map<Transport, Integer> connections, @Nullable HandlerLatency latency) {
}
