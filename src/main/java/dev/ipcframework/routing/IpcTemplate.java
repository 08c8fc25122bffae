package dev.ipcframework.routing;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.connection.PacedSending;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.protocol.PayloadConverter;
import dev.ipcframework.stats.IpcStatistics;
import dev.ipcframework.stats.StatisticsCollector;
import org.jspecify.annotations.Nullable;

/**
 * Server-side access to clients: publish to a channel, send to one connection, broadcast to an application, and
 * read the registry. Payloads are converted with the application's Jackson settings.
 */
public class IpcTemplate {

	private final MessageDelivery delivery;

	private final ChannelRegistry channels;

	private final ConnectionRegistry connections;

	private final PayloadConverter payloads;

	private final StatisticsCollector stats;

	public IpcTemplate(MessageDelivery delivery, ChannelRegistry channels, ConnectionRegistry connections,
			PayloadConverter payloads, StatisticsCollector stats) {
		this.delivery = delivery;
		this.channels = channels;
		this.connections = connections;
		this.payloads = payloads;
		this.stats = stats;
	}

	/**
	 * Publishes to every subscriber of a channel, as a client's publish reaches them; {@code PUBLISH} handlers
	 * are not invoked for the server's own publishes.
	 * @return the number of subscribers the message was queued to, 0 when the channel has none (or does not exist)
	 */
	public int publish(String appId, String channelId, @Nullable Object payload) {
		return this.delivery
			.publish(IpcEnvelope.create(appId, channelId, MessageType.PUBLISH, this.payloads.toPayload(payload)));
	}

	/**
	 * Publishes as {@link #publish(String, String, Object)} does, then waits, at most {@code maxWait}, while a
	 * subscriber's send buffer this message filled past half its size drains to a quarter: a server-side publisher
	 * that calls this for each message runs at the pace of its slowest reading subscriber, as a client's publishes
	 * do, instead of getting subscribers cut off as slow consumers when it outpaces their connections. A subscriber
	 * that takes nothing for {@code ipc.connection.stall-timeout} is not waited for. Called from a handler, it does
	 * not wait: the connection whose message the handler handles is held back instead.
	 * @return the number of subscribers the message was queued to
	 */
	public int publish(String appId, String channelId, @Nullable Object payload, Duration maxWait) {
		int[] subscribers = new int[1];
		PacedSending.run(() -> subscribers[0] = publish(appId, channelId, payload), maxWait);
		return subscribers[0];
	}

	/**
	 * Sends a notification on a channel to one connection, in that connection's application.
	 * @return {@code false} when no such connection is open (on this server, or on any node of its cluster)
	 */
	public boolean send(String connectionId, String channelId, @Nullable Object payload) {
		ConnectionHandle connection = this.connections.find(connectionId);
		if (connection != null && connection.appId() == null) {
			return false;
		}
		// held by another node of a cluster, or by none: that node fills in the app
		String appId = (connection != null) ? connection.appId() : "";
		return send(connectionId,
				IpcEnvelope.create(appId, channelId, MessageType.NOTIFICATION, this.payloads.toPayload(payload)));
	}

	/** Sends any message to one connection. */
	public boolean send(String connectionId, IpcEnvelope envelope) {
		return this.delivery.sendTo(connectionId, envelope);
	}

	/**
	 * Sends a notification on a channel to every connection of an application, subscribed or not.
	 * @return the number of connections it was queued to
	 */
	public int broadcast(String appId, String channelId, @Nullable Object payload) {
		return broadcast(appId,
				IpcEnvelope.create(appId, channelId, MessageType.NOTIFICATION, this.payloads.toPayload(payload)));
	}

	/** Sends any message to every connection of an application. */
	public int broadcast(String appId, IpcEnvelope envelope) {
		return this.delivery.broadcast(appId, envelope);
	}

	/** The applications, in name order. */
	public Set<String> applications() {
		return this.channels.applications();
	}

	/** The channels of an application with their subscriber counts, in name order. */
	public List<ChannelInfo> channels(String appId) {
		return this.channels.channels(appId)
			.stream()
			.map((channel) -> new ChannelInfo(appId, channel.channelId(), channel.subscriberCount()))
			.sorted(Comparator.comparing(ChannelInfo::channelId))
			.toList();
	}

	public int subscriberCount(String appId, String channelId) {
		IpcChannel channel = this.channels.find(appId, channelId);
		return (channel != null) ? channel.subscriberCount() : 0;
	}

	/** Every connection that completed its handshake. */
	public List<IpcConnection> connections() {
		return List.copyOf(this.connections.all());
	}

	public List<IpcConnection> connections(String appId) {
		return List.copyOf(this.connections.ofApp(appId));
	}

	public @Nullable IpcConnection connection(String connectionId) {
		return this.connections.find(connectionId);
	}

	public IpcStatistics statistics() {
		return this.stats.snapshot();
	}

}
