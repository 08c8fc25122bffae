package dev.ipcframework.autoconfigure;

import dev.ipcframework.actuate.HistoryMeterBinder;
import dev.ipcframework.actuate.IpcClusterHealthIndicator;
import dev.ipcframework.actuate.IpcClusterMeterBinder;
import dev.ipcframework.actuate.IpcEndpoint;
import dev.ipcframework.actuate.IpcHealthIndicator;
import dev.ipcframework.actuate.IpcMeterBinder;
import dev.ipcframework.actuate.IpcMeterNames;
import dev.ipcframework.actuate.RedisHistoryMeterBinder;
import dev.ipcframework.cluster.ClusterMembership;
import dev.ipcframework.cluster.ClusterStatistics;
import dev.ipcframework.cluster.RedisHistoryStore;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.history.InMemoryHistoryStore;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.routing.SubscriptionRegistry;
import dev.ipcframework.stats.StatisticsCollector;
import dev.ipcframework.transport.websocket.IpcWebSocketHandler;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The {@code ipc} Actuator endpoint, health contributor and Micrometer meters.
 */
@AutoConfiguration(after = { IpcAutoConfiguration.class, IpcClusterAutoConfiguration.class,
		IpcTcpAutoConfiguration.class, IpcWebSocketAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
public class IpcActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpcEndpoint ipcEndpoint(IpcTemplate template, ConnectionRegistry connections,
			SubscriptionRegistry subscriptions, StatisticsCollector stats, ObjectProvider<ClusterMembership> cluster) {
		return new IpcEndpoint(template, connections, subscriptions, stats, cluster.getIfAvailable());
	}

	@Bean
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnMissingBean(name = "ipcHealthIndicator")
	IpcHealthIndicator ipcHealthIndicator(ObjectProvider<AbstractServerConnectionFactory> ipcTcpConnectionFactory,
			ObjectProvider<IpcWebSocketHandler> websocket, IpcProperties properties, ApplicationContext context) {
		String websocketPath = (websocket.getIfAvailable() != null) ? properties.websocket().path() : null;
		return new IpcHealthIndicator(ipcTcpConnectionFactory.getIfAvailable(), websocketPath,
				() -> httpPort(context));
	}

	/** The port the web server serves on, -1 before it starts or without one. */
	private static int httpPort(ApplicationContext context) {
		if (context instanceof WebServerApplicationContext web) {
			WebServer server = web.getWebServer();
			return (server != null) ? server.getPort() : -1;
		}
		return -1;
	}

	/** The {@code ipcCluster} health component and the cluster's meters, when the server is a node of one. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ClusterMembership.class)
	static class IpcClusterActuatorConfiguration {

		@Bean
		@ConditionalOnClass(HealthIndicator.class)
		@ConditionalOnMissingBean(name = "ipcClusterHealthIndicator")
		IpcClusterHealthIndicator ipcClusterHealthIndicator(ClusterMembership membership) {
			return new IpcClusterHealthIndicator(membership);
		}

		@Bean
		@ConditionalOnClass(MeterBinder.class)
		@ConditionalOnMissingBean
		IpcClusterMeterBinder ipcClusterMeterBinder(ClusterMembership membership, ClusterStatistics stats) {
			return new IpcClusterMeterBinder(membership, stats);
		}

		@Bean
		@ConditionalOnClass(MeterBinder.class)
		@ConditionalOnBean(RedisHistoryStore.class)
		@ConditionalOnMissingBean
		RedisHistoryMeterBinder ipcRedisHistoryMeterBinder(RedisHistoryStore history) {
			return new RedisHistoryMeterBinder(history.statistics());
		}

	}

	/** Micrometer meters, when Micrometer is present. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class IpcMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IpcMeterBinder ipcMeterBinder(StatisticsCollector stats, IpcProperties properties) {
			return new IpcMeterBinder(stats, properties.metrics().channelTag(), properties.metrics().maxChannelTags());
		}

		@Bean
		@ConditionalOnBean(InMemoryHistoryStore.class)
		@ConditionalOnMissingBean
		HistoryMeterBinder ipcHistoryMeterBinder(InMemoryHistoryStore history) {
			return new HistoryMeterBinder(history.footprint());
		}

		/** Caps the channel tag's values: clients name channels, and each name would be a new series. */
		@Bean
		@ConditionalOnProperty(prefix = "ipc.metrics", name = "channel-tag", havingValue = "true")
		MeterFilter ipcChannelTagLimit(IpcProperties properties) {
			return MeterFilter.maximumAllowableTags("ipc.", IpcMeterNames.TAG_CHANNEL,
					properties.metrics().maxChannelTags(), MeterFilter.deny());
		}

	}

}
