package dev.ipcframework.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.routing.ChannelInfo;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.stats.IpcStatistics;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/ipc}: the server's counters, and per application its channels and connections.
 */
@Endpoint(id = "ipc")
public class IpcEndpoint {

	private final IpcTemplate template;

	public IpcEndpoint(IpcTemplate template) {
		this.template = template;
	}

	@ReadOperation
	public IpcReport report() {
		Map<String, AppReport> apps = new LinkedHashMap<>();
		for (String appId : this.template.applications()) {
			List<IpcConnection> connections = this.template.connections(appId);
			apps.put(appId, new AppReport(connections.size(), this.template.channels(appId)));
		}
		IpcStatistics statistics = this.template.statistics();
		return new IpcReport(this.template.connections().size(), statistics, apps);
	}

	/**
	 * The whole report.
	 *
	 * @param connections connections past their handshake
	 * @param totals counters since start
	 * @param apps applications by id
	 */
	public record IpcReport(int connections, IpcStatistics totals, Map<String, AppReport> apps) {
	}

	/**
	 * One application.
	 *
	 * @param connections its connections
	 * @param channels its channels with subscriber counts
	 */
	public record AppReport(int connections, List<ChannelInfo> channels) {
	}

}
