package dev.ipcframework.actuate;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ipcframework.cluster.ClusterMembership;
import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.ConnectionTraffic;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.routing.ChannelInfo;
import dev.ipcframework.routing.IpcChannel;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.routing.SubscriptionRegistry;
import dev.ipcframework.stats.AppStatistics;
import dev.ipcframework.stats.IpcStatistics;
import dev.ipcframework.stats.StatisticsCollector;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/ipc}: the server's counters, and per application its channels, subscribers and traffic.
 * {@code /actuator/ipc/connections} lists the connections, {@code /actuator/ipc/connections/{id}} shows one, and a
 * {@code DELETE} of the latter disconnects it. The sub-paths are two selectors, the first of which must be
 * {@code connections}: Actuator maps each selector to one path segment of the same endpoint. A {@code POST} to
 * {@code /actuator/ipc/channels/{app}/{channel}} publishes to a channel.
 */
@Endpoint(id = "ipc")
public class IpcEndpoint {

	static final String CONNECTIONS = "connections";

	static final String CHANNELS = "channels";

	private final IpcTemplate template;

	private final ConnectionRegistry connections;

	private final SubscriptionRegistry subscriptions;

	private final StatisticsCollector stats;

	private final @Nullable ClusterMembership cluster;

	public IpcEndpoint(IpcTemplate template, ConnectionRegistry connections, SubscriptionRegistry subscriptions,
			StatisticsCollector stats) {
		this(template, connections, subscriptions, stats, null);
	}

	/** @param cluster the cluster this server is a node of, or {@code null} when it is on its own */
	public IpcEndpoint(IpcTemplate template, ConnectionRegistry connections, SubscriptionRegistry subscriptions,
			StatisticsCollector stats, @Nullable ClusterMembership cluster) {
		this.template = template;
		this.connections = connections;
		this.subscriptions = subscriptions;
		this.stats = stats;
		this.cluster = cluster;
	}

	@ReadOperation
	public IpcReport report() {
		Map<String, AppStatistics> traffic = this.stats.applications();
		Map<String, AppReport> apps = new LinkedHashMap<>();
		for (String appId : this.template.applications()) {
			AppStatistics app = traffic.get(appId);
			apps.put(appId,
					new AppReport(this.connections.ofApp(appId).size(), this.template.channels(appId),
							(app != null) ? app.messagesReceived() : Map.of(),
							(app != null) ? app.messagesSent() : Map.of(), (app != null) ? app.bytesReceived() : 0,
							(app != null) ? app.bytesSent() : 0, (app != null) ? app.lastActivity() : null));
		}
		Map<Transport, Integer> byTransport = new EnumMap<>(Transport.class);
		for (Transport transport : Transport.values()) {
			byTransport.put(transport, 0);
		}
		this.connections.all().forEach((connection) -> byTransport.merge(connection.transport(), 1, Integer::sum));
		IpcStatistics totals = this.template.statistics();
		return new IpcReport(this.connections.count(), byTransport, totals, apps, clusterReport());
	}

	/** {@code /actuator/ipc/connections}; any other section is not found. */
	@ReadOperation
	public @Nullable ConnectionsReport section(@Selector String section) {
		if (!CONNECTIONS.equals(section)) {
			return null;
		}
		List<ConnectionReport> all = this.connections.all()
			.stream()
			.sorted(Comparator.comparing(ConnectionHandle::connectedAt))
			.map(this::describe)
			.toList();
		return new ConnectionsReport(all.size(), all);
	}

	/** {@code /actuator/ipc/connections/{id}}: one connection by the id it chose in its handshake. */
	@ReadOperation
	public @Nullable ConnectionReport connection(@Selector String section, @Selector String id) {
		ConnectionHandle connection = find(section, id);
		return (connection != null) ? describe(connection) : null;
	}

	/** {@code DELETE /actuator/ipc/connections/{id}}: closes the connection once what is queued to it is sent. */
	@DeleteOperation
	public WebEndpointResponse<Map<String, Object>> disconnect(@Selector String section, @Selector String id) {
		ConnectionHandle connection = find(section, id);
		if (connection == null) {
			return new WebEndpointResponse<>(Map.of("id", id, "disconnected", false),
					WebEndpointResponse.STATUS_NOT_FOUND);
		}
		connection.close();
		return new WebEndpointResponse<>(Map.of("id", id, "disconnected", true));
	}

	/**
	 * {@code POST /actuator/ipc/channels/{app}/{channel}}: publishes to the channel's subscribers, as a client's
	 * publish reaches them. The JSON body's {@code payload} is the message's payload as JSON text (Actuator passes
	 * body values as strings); without one a small test message is sent. 404 when the application has no such
	 * channel, 400 when the payload is not JSON.
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> publish(@Selector String section, @Selector String app,
			@Selector String channel, @Nullable String payload) {
		if (!CHANNELS.equals(section) || this.template.channels(app)
			.stream()
			.noneMatch((info) -> info.channelId().equals(channel))) {
			return new WebEndpointResponse<>(Map.of("app", app, "channel", channel, "subscribers", 0),
					WebEndpointResponse.STATUS_NOT_FOUND);
		}
		Object message;
		try {
			message = (payload != null) ? JsonMapper.shared().readTree(payload)
					: Map.of("test", true, "sentAt", Instant.now().toString());
		}
		catch (JacksonException ex) {
			return new WebEndpointResponse<>(Map.of("app", app, "channel", channel, "error", "payload is not JSON"),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		int subscribers = this.template.publish(app, channel, message);
		return new WebEndpointResponse<>(Map.of("app", app, "channel", channel, "subscribers", subscribers));
	}

	private @Nullable ClusterReport clusterReport() {
		ClusterMembership membership = this.cluster;
		if (membership == null) {
			return null;
		}
		List<NodeReport> nodes = membership.nodes()
			.stream()
			.map((node) -> new NodeReport(node.nodeId(), node.connections()))
			.toList();
		return new ClusterReport(membership.nodeId(), nodes);
	}

	private @Nullable ConnectionHandle find(String section, String id) {
		return CONNECTIONS.equals(section) ? this.connections.find(id) : null;
	}

	private ConnectionReport describe(ConnectionHandle connection) {
		ConnectionTraffic traffic = connection.traffic();
		List<String> channels = this.subscriptions.subscriptionsOf(connection)
			.stream()
			.map(IpcChannel::channelId)
			.sorted()
			.toList();
		return new ConnectionReport(String.valueOf(connection.id()), String.valueOf(connection.appId()),
				connection.transport(), connection.remoteAddress(), connection.connectedAt(), traffic.lastActivity(),
				channels, traffic.messagesIn(), traffic.messagesOut(), traffic.bytesIn(), traffic.bytesOut(),
				connection.queuedBytes());
	}

	/**
	 * The whole report.
	 *
	 * @param connections connections past their handshake
	 * @param connectionsByTransport the same, by transport
	 * @param totals counters since start
	 * @param apps applications by id
	 * @param cluster the nodes of the cluster, when this server is one (left out otherwise)
	 */
	public record IpcReport(int connections, Map<Transport, Integer> connectionsByTransport, IpcStatistics totals,
			Map<String, AppReport> apps, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable ClusterReport cluster) {
	}

	/**
	 * The cluster, as this node saw it at its last heartbeat.
	 *
	 * @param nodeId this node
	 * @param nodes the nodes alive, this one included, in id order
	 */
	public record ClusterReport(@JsonProperty("node_id") String nodeId, List<NodeReport> nodes) {
	}

	/**
	 * One node of the cluster.
	 *
	 * @param nodeId its id
	 * @param connections its connections (at its last heartbeat, for the other nodes)
	 */
	public record NodeReport(@JsonProperty("node_id") String nodeId, int connections) {
	}

	/**
	 * One application.
	 *
	 * @param connections its connections
	 * @param channels its channels with subscriber counts
	 * @param messagesReceived messages from its clients by type (handshakes count under no app)
	 * @param messagesSent messages to its clients by type
	 * @param bytesReceived frame bytes from its clients
	 * @param bytesSent frame bytes written to its clients
	 * @param lastActivity when a frame last came in or went out
	 */
	public record AppReport(int connections, List<ChannelInfo> channels, Map<MessageType, Long> messagesReceived,
			Map<MessageType, Long> messagesSent, long bytesReceived, long bytesSent, @Nullable Instant lastActivity) {
	}

	/**
	 * The connections past their handshake, oldest first.
	 *
	 * @param count how many
	 * @param connections each of them
	 */
	public record ConnectionsReport(int count, List<ConnectionReport> connections) {
	}

	/**
	 * One connection.
	 *
	 * @param id the id it chose in its handshake
	 * @param app its application
	 * @param transport what it connected over
	 * @param remoteAddress the peer as {@code host:port}
	 * @param connectedSince when it was accepted
	 * @param lastActivity when a frame last came in or went out
	 * @param subscriptions the channels it is subscribed to
	 * @param messagesIn messages it sent
	 * @param messagesOut messages written to it
	 * @param bytesIn frame bytes it sent
	 * @param bytesOut frame bytes written to it
	 * @param sendQueueBytes bytes waiting in its send buffer now
	 */
	public record ConnectionReport(String id, String app, Transport transport, String remoteAddress,
			Instant connectedSince, Instant lastActivity, List<String> subscriptions, long messagesIn,
			long messagesOut, long bytesIn, long bytesOut, long sendQueueBytes) {
	}

}
