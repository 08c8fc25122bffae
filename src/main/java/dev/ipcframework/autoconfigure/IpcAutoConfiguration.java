package dev.ipcframework.autoconfigure;


import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.ConnectionIdClaims;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.connection.OutboundLimits;
import dev.ipcframework.handler.IpcHandlerErrorMapper;
import dev.ipcframework.handler.IpcHandlerInvoker;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.PayloadConverter;
import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.history.HistoryStore;
import dev.ipcframework.history.InMemoryHistoryStore;
import dev.ipcframework.routing.ChannelLimits;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.ConnectionAuthentication;
import dev.ipcframework.routing.ConnectionDrainer;
import dev.ipcframework.routing.ConnectionSupervisor;
import dev.ipcframework.routing.HandlerDispatcher;
import dev.ipcframework.routing.HeapHeadroom;
import dev.ipcframework.routing.HistoryKeepingDelivery;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.routing.LocalMessageDelivery;
import dev.ipcframework.routing.MessageDelivery;
import dev.ipcframework.routing.MessageRateLimiter;
import dev.ipcframework.routing.RemoteResponders;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.routing.ServeActionHandler;
import dev.ipcframework.routing.SubscriptionHandler;
import dev.ipcframework.routing.SubscriptionListener;
import dev.ipcframework.routing.SubscriptionRegistry;
import dev.ipcframework.routing.SystemAction;
import dev.ipcframework.routing.SystemChannelHandler;
import dev.ipcframework.security.ChannelAuthorizer;
import dev.ipcframework.stats.StatisticsCollector;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The transport-neutral core: codec, registries, router, template and the pools that run handlers and writes.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(IpcProperties.class)
@Import({ IpcHandlerConfiguration.class, IpcRelayConfiguration.class, IpcSecurityConfiguration.class,
		IpcHistoryConfiguration.class })
public class IpcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EnvelopeCodec ipcEnvelopeCodec() {
		return new EnvelopeCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	PayloadConverter ipcPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
		return new PayloadConverter(jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	StatisticsCollector ipcStatisticsCollector() {
		return new StatisticsCollector();
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionRegistry ipcConnectionRegistry(ObjectProvider<ConnectionIdClaims> claims) {
		return new ConnectionRegistry(claims.getIfAvailable(() -> ConnectionIdClaims.LOCAL));
	}

	@Bean
	@ConditionalOnMissingBean
	ChannelRegistry ipcChannelRegistry(IpcProperties properties, IpcHandlerRegistry handlers, RequestRelay relay) {
		IpcProperties.Apps apps = properties.apps();
		return new ChannelRegistry(apps.autoCreate(), apps.declared(),
				new ChannelLimits(apps.maxChannels(), apps.maxChannelNameLength(), apps.maxAppIdLength()), handlers,
				relay);
	}

	@Bean
	@ConditionalOnMissingBean
	SubscriptionRegistry ipcSubscriptionRegistry(IpcProperties properties,
			ObjectProvider<SubscriptionListener> listener) {
		return new SubscriptionRegistry(properties.connection().maxSubscriptions(),
				listener.getIfAvailable(() -> SubscriptionListener.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	MessageRateLimiter ipcMessageRateLimiter(IpcProperties properties) {
		return new MessageRateLimiter(properties.connection().rateLimit(), properties.connection().rateBurst());
	}

	@Bean
	@ConditionalOnMissingBean
	HeapHeadroom ipcHeapHeadroom(IpcProperties properties) {
		return new HeapHeadroom(properties.maxHeapPercent());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionSupervisor ipcConnectionSupervisor(ConnectionRegistry connections, ReplySender replies,
			IpcExecutors executors, IpcProperties properties, IpcSecurityProperties security, HeapHeadroom heap) {
		IpcProperties.Connection connection = properties.connection();
		ConnectionSupervisor supervisor = new ConnectionSupervisor(connections, replies, executors.scheduler(),
				properties.maxConnections(), connection.handshakeTimeout(), connection.idleTimeout(),
				connection.writeTimeout());
		supervisor.onBlockedWrites(executors::blockedWrites);
		supervisor.setMaxConnectionsPerAddress(security.maxConnectionsPerAddress());
		supervisor.refuseWhenShortOf(heap);
		return supervisor;
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionDrainer ipcConnectionDrainer(ConnectionSupervisor supervisor, ConnectionRegistry connections,
			HandlerDispatcher handlers, ReplySender replies, IpcProperties properties) {
		return new ConnectionDrainer(supervisor, connections, handlers, replies,
				properties.shutdown().reconnectAfter(), properties.shutdown().reconnectJitter());
	}

	@Bean
	@ConditionalOnMissingBean
	IpcLifecycle ipcLifecycle(ConnectionSupervisor supervisor, ConnectionDrainer drainer,
			ApplicationEventPublisher events, IpcProperties properties) {
		return new IpcLifecycle(supervisor, drainer, events, properties.shutdown().timeout());
	}


	@Bean
	@ConditionalOnMissingBean
	MessageDelivery ipcMessageDelivery(EnvelopeCodec codec, ChannelRegistry channels, ConnectionRegistry connections,
			StatisticsCollector stats, IpcHistoryProperties historyProperties, HistoryStore history) {
		MessageDelivery local = new LocalMessageDelivery(codec, channels, connections, stats);
		// without history anywhere, publishes take the local path with nothing in between
		return (historyProperties.toPolicy().keepsAnyHistory() && history instanceof InMemoryHistoryStore inMemory)
				? new HistoryKeepingDelivery(local, inMemory, codec, channels, stats) : local;
	}

	@Bean
	@ConditionalOnMissingBean
	ReplySender ipcReplySender(StatisticsCollector stats) {
		return new ReplySender(stats);
	}

	@Bean
	@ConditionalOnMissingBean
	ServeActionHandler ipcServeActionHandler(RequestRelay relay, ChannelRegistry channels, ReplySender replies,
			ChannelAuthorizer authorizer) {
		return new ServeActionHandler(relay, channels, replies, authorizer);
	}

	@Bean
	@ConditionalOnMissingBean
	SystemChannelHandler ipcSystemChannelHandler(ConnectionRegistry connections, ChannelRegistry channels,
			ReplySender replies, ServeActionHandler serving, ConnectionAuthentication authentication,
			ObjectProvider<SystemAction> actions) {
		return new SystemChannelHandler(connections, channels, replies, serving, authentication,
				actions.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	HandlerDispatcher ipcHandlerDispatcher(IpcHandlerRegistry handlers, IpcHandlerInvoker invoker,
			IpcHandlerErrorMapper errors, PayloadConverter payloads, ReplySender replies, RequestRelay relay,
			ObjectProvider<RemoteResponders> remote) {
		return new HandlerDispatcher(handlers, invoker, errors, payloads, replies, relay,
				remote.getIfAvailable(() -> RemoteResponders.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	IpcRouter ipcRouter(EnvelopeCodec codec, ConnectionRegistry connections, ChannelRegistry channels,
			SubscriptionHandler subscriptions, MessageDelivery delivery, SystemChannelHandler system,
			HandlerDispatcher handlers, ReplySender replies, StatisticsCollector stats,
			ConnectionSupervisor supervisor, MessageRateLimiter rateLimiter, ChannelAuthorizer authorizer) {
		return new IpcRouter(codec, connections, channels, subscriptions, delivery, system, handlers, replies, stats,
				supervisor, rateLimiter, authorizer);
	}

	@Bean
	@ConditionalOnMissingBean
	IpcTemplate ipcTemplate(MessageDelivery delivery, ChannelRegistry channels, ConnectionRegistry connections,
			PayloadConverter payloads, StatisticsCollector stats) {
		return new IpcTemplate(delivery, channels, connections, payloads, stats);
	}


	@Bean
	@ConditionalOnMissingBean
	IpcExecutors ipcExecutors(IpcProperties properties) {
		return new IpcExecutors(properties.workers());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionHandleFactory ipcConnectionHandleFactory(EnvelopeCodec codec,
			IpcExecutors executors, IpcProperties properties, StatisticsCollector stats) {
		OutboundLimits limits = new OutboundLimits(properties.connection().sendBuffer().toBytes(),
				properties.connection().overflowPolicy(), properties.apps().overflowPolicy(),
				properties.connection().stallTimeout());
		return new ConnectionHandleFactory(codec, executors.handlers(), executors.senders(), limits, stats);
	}


}
