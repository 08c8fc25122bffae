package dev.ipcframework.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.cluster.ChannelInterest;
import dev.ipcframework.cluster.ClusterInbox;
import dev.ipcframework.cluster.ClusterMembership;
import dev.ipcframework.cluster.ClusterMessageDelivery;
import dev.ipcframework.cluster.ClusterNode;
import dev.ipcframework.cluster.ClusterPresence;
import dev.ipcframework.cluster.ClusterStatistics;
import dev.ipcframework.cluster.ConnectionDirectory;
import dev.ipcframework.cluster.NodeId;
import dev.ipcframework.cluster.PendingRecoveries;
import dev.ipcframework.cluster.RedisHistoryStatistics;
import dev.ipcframework.cluster.RedisHistoryStore;
import dev.ipcframework.cluster.RedisLink;
import dev.ipcframework.cluster.RemoteRequesters;
import dev.ipcframework.cluster.RemoteRequests;
import dev.ipcframework.cluster.ServedChannels;
import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.presence.PresenceRegistry;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.HandlerDispatcher;
import dev.ipcframework.routing.LocalMessageDelivery;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.stats.StatisticsCollector;
import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Joins the server to a cluster through Redis when {@code ipc.cluster.enabled} is true: publishes, messages to
 * connections, broadcasts and requests cross nodes, and channel histories and presence are kept in Redis. Redis is
 * Spring Boot's (Lettuce, {@code spring.data.redis.*}). Without the property nothing here exists, and nothing
 * connects to Redis.
 */
@AutoConfiguration(before = IpcAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(LettuceConnectionFactory.class)
@ConditionalOnBooleanProperty("ipc.cluster.enabled")
@EnableConfigurationProperties(IpcClusterProperties.class)
public class IpcClusterAutoConfiguration {

	/** Lettuce's default backs off to 30 s between reconnects: a node would stay alone long after Redis is back. */
	@Bean
	ClientResourcesBuilderCustomizer ipcClusterReconnectDelay() {
		return (builder) -> builder
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

	@Bean
	@ConditionalOnMissingBean
	NodeId ipcClusterNodeId(IpcClusterProperties properties) {
		String configured = properties.nodeId();
		return (configured != null && !configured.isBlank()) ? new NodeId(configured) : NodeId.generate();
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterStatistics ipcClusterStatistics() {
		return new ClusterStatistics();
	}

	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	RedisLink ipcRedisLink(LettuceConnectionFactory redis, IpcClusterProperties properties) {
		// closed by the cluster node, after it has left
		return new RedisLink(redis, properties.redisTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionDirectory ipcConnectionDirectory(RedisLink link, NodeId nodeId) {
		return new ConnectionDirectory(link, nodeId.value());
	}

	@Bean
	@ConditionalOnMissingBean
	ChannelInterest ipcChannelInterest(ChannelRegistry channels, RedisLink link) {
		return new ChannelInterest(channels, link);
	}

	@Bean
	@ConditionalOnMissingBean
	ServedChannels ipcServedChannels(RedisLink link, IpcHandlerRegistry handlers, NodeId nodeId) {
		return new ServedChannels(link, handlers, nodeId.value());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterMembership ipcClusterMembership(RedisLink link, NodeId nodeId, ConnectionRegistry connections,
			IpcClusterProperties properties) {
		return new ClusterMembership(link, nodeId.value(), connections::count, properties.nodeTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterMessageDelivery ipcClusterMessageDelivery(EnvelopeCodec codec, ChannelRegistry channels,
			ConnectionRegistry connections, StatisticsCollector stats, ConnectionDirectory directory, RedisLink link,
			ClusterStatistics clusterStats, NodeId nodeId, ObjectProvider<HistoryStore> history) {
		// a store of the user's own keeps nothing of what the cluster publishes
		RedisHistoryStore redisHistory = (history.getIfAvailable() instanceof RedisHistoryStore store) ? store : null;
		return new ClusterMessageDelivery(new LocalMessageDelivery(codec, channels, connections, stats), codec,
				connections, directory, link, clusterStats, nodeId.value(), redisHistory);
	}

	@Bean
	@ConditionalOnMissingBean
	PendingRecoveries ipcPendingRecoveries() {
		return new PendingRecoveries();
	}

	/** The nodes share the channel histories in Redis, in place of each one's memory. */
	@Bean
	@ConditionalOnMissingBean(HistoryStore.class)
	RedisHistoryStore ipcRedisHistoryStore(RedisLink link, ChannelInterest interest, PendingRecoveries recoveries,
			IpcHistoryProperties history, NodeId nodeId, IpcClusterProperties properties, IpcProperties ipc) {
		return new RedisHistoryStore(link, interest, recoveries, history.toPolicy(), nodeId.value(),
				properties.redisTimeout(), ipc.apps().maxChannels(), new RedisHistoryStatistics());
	}

	@Bean
	@ConditionalOnMissingBean
	RemoteRequests ipcRemoteRequests(ServedChannels served, ClusterMembership membership, RedisLink link,
			EnvelopeCodec codec, ReplySender replies, StatisticsCollector stats, IpcExecutors executors,
			RequestRelay relay, IpcProperties properties) {
		return new RemoteRequests(served, membership, link, codec, replies, stats, executors.scheduler(),
				relay.timeout(), properties.relay().maxPending());
	}

	@Bean
	@ConditionalOnMissingBean
	RemoteRequesters ipcRemoteRequesters(ConnectionHandleFactory handles, HandlerDispatcher dispatcher,
			EnvelopeCodec codec, RedisLink link, ClusterStatistics clusterStats, NodeId nodeId) {
		return new RemoteRequesters(handles, dispatcher, codec, link, clusterStats, nodeId.value());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterInbox ipcClusterInbox(EnvelopeCodec codec, ChannelRegistry channels, ConnectionRegistry connections,
			StatisticsCollector stats, RemoteRequests requests, RemoteRequesters requesters,
			PendingRecoveries recoveries, PresenceRegistry presence, NodeId nodeId) {
		return new ClusterInbox(new LocalMessageDelivery(codec, channels, connections, stats), connections, codec,
				requests, requesters, recoveries, presence, nodeId.value());
	}

	@Bean
	@ConditionalOnMissingBean
	ClusterNode ipcClusterNode(RedisLink link, ClusterMembership membership, ServedChannels served,
			ConnectionDirectory directory, RemoteRequests requests, RemoteRequesters requesters, ClusterInbox inbox,
			ClusterPresence presence, PresenceRegistry presenceRegistry, IpcClusterProperties properties) {
		return new ClusterNode(link, membership, served, directory, requests, requesters, inbox, presence,
				presenceRegistry, properties.heartbeatInterval());
	}

	/** Presence counts the subscribers of every node. */
	@Bean
	@ConditionalOnMissingBean
	ClusterPresence ipcClusterPresence(RedisLink link, ClusterMembership membership) {
		return new ClusterPresence(link, membership);
	}

}
