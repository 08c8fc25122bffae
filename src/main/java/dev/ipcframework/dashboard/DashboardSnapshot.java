package dev.ipcframework.dashboard;

import java.util.List;

import dev.ipcframework.actuate.IpcEndpoint.ConnectionReport;
import dev.ipcframework.stats.IpcStatistics;

/**
 * What the dashboard shows at one moment: the latest chart point, the totals, the connections and the channels.
 *
 * @param point the latest chart point
 * @param totals the server's counters since start
 * @param connectionCount connections past their handshake
 * @param connections the oldest of them, at most {@link DashboardFeed#MAX_CONNECTIONS}
 * @param channels every channel of every application
 */
public record DashboardSnapshot(DashboardPoint point, IpcStatistics totals, int connectionCount,
		List<ConnectionReport> connections, List<ChannelView> channels) {

	DashboardSnapshot withConnections(List<ConnectionReport> current) {
		return new DashboardSnapshot(this.point, this.totals, this.connectionCount, current, this.channels);
	}

	/**
	 * One channel.
	 *
	 * @param app its application
	 * @param channel its id
	 * @param subscribers connections subscribed to it
	 * @param serving connections serving its requests
	 * @param messagesIn messages from clients on it per second
	 * @param messagesOut messages queued to clients on it per second
	 */
	public record ChannelView(String app, String channel, int subscribers, int serving, double messagesIn,
			double messagesOut) {
	}

}
