package dev.ipcframework.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.ConnectionListener;
import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.connection.OutboundLimits;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.handler.IpcHandlerErrorMapper;
import dev.ipcframework.handler.IpcHandlerInvoker;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.PayloadConverter;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.ConnectionDrainer;
import dev.ipcframework.routing.ConnectionSupervisor;
import dev.ipcframework.routing.HandlerDispatcher;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.routing.LocalMessageDelivery;
import dev.ipcframework.routing.MessageRateLimiter;
import dev.ipcframework.routing.MessageDelivery;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.routing.SubscriptionRegistry;
import dev.ipcframework.routing.SystemChannelHandler;
import dev.ipcframework.stats.StatisticsCollector;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The transport-neutral core: codec, registries, router, template and the pools that run handlers and writes.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(IpcProperties.class)
@Import(IpcHandlerConfiguration.class)
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
	ConnectionRegistry ipcConnectionRegistry() {
		return new ConnectionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ChannelRegistry ipcChannelRegistry(IpcProperties properties, IpcHandlerRegistry handlers) {
		return new ChannelRegistry(properties.apps().autoCreate(), properties.apps().declared(), handlers);
	}

	@Bean
	@ConditionalOnMissingBean
	SubscriptionRegistry ipcSubscriptionRegistry(IpcProperties properties) {
		return new SubscriptionRegistry(properties.connection().maxSubscriptions());
	}

	@Bean
	@ConditionalOnMissingBean
	MessageRateLimiter ipcMessageRateLimiter(IpcProperties properties) {
		return new MessageRateLimiter(properties.connection().rateLimit(), properties.connection().rateBurst());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionSupervisor ipcConnectionSupervisor(ConnectionRegistry connections, ReplySender replies,
			@Qualifier("ipcScheduler") ScheduledExecutorService ipcScheduler, IpcProperties properties) {
		IpcProperties.Connection connection = properties.connection();
		return new ConnectionSupervisor(connections, replies, ipcScheduler, properties.maxConnections(),
				connection.handshakeTimeout(), connection.idleTimeout());
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

	@Bean(destroyMethod = "shutdownNow")
	@ConditionalOnMissingBean(name = "ipcScheduler")
	ScheduledExecutorService ipcScheduler() {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("ipc-scheduler-");
		threadFactory.setDaemon(true);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threadFactory);
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	@Bean
	@ConditionalOnMissingBean
	MessageDelivery ipcMessageDelivery(EnvelopeCodec codec, ChannelRegistry channels, ConnectionRegistry connections,
			StatisticsCollector stats) {
		return new LocalMessageDelivery(codec, channels, connections, stats);
	}

	@Bean
	@ConditionalOnMissingBean
	ReplySender ipcReplySender(StatisticsCollector stats) {
		return new ReplySender(stats);
	}

	@Bean
	@ConditionalOnMissingBean
	SystemChannelHandler ipcSystemChannelHandler(ConnectionRegistry connections, ChannelRegistry channels,
			ReplySender replies) {
		return new SystemChannelHandler(connections, channels, replies);
	}

	@Bean
	@ConditionalOnMissingBean
	HandlerDispatcher ipcHandlerDispatcher(IpcHandlerRegistry handlers, IpcHandlerInvoker invoker,
			IpcHandlerErrorMapper errors, PayloadConverter payloads, ReplySender replies) {
		return new HandlerDispatcher(handlers, invoker, errors, payloads, replies);
	}

	@Bean
	@ConditionalOnMissingBean
	IpcRouter ipcRouter(EnvelopeCodec codec, ConnectionRegistry connections, ChannelRegistry channels,
			SubscriptionRegistry subscriptions, MessageDelivery delivery, SystemChannelHandler system,
			HandlerDispatcher handlers, ReplySender replies, StatisticsCollector stats,
			ConnectionSupervisor supervisor, MessageRateLimiter rateLimiter) {
		return new IpcRouter(codec, connections, channels, subscriptions, delivery, system, handlers, replies, stats,
				supervisor, rateLimiter);
	}

	@Bean
	@ConditionalOnMissingBean
	IpcTemplate ipcTemplate(MessageDelivery delivery, ChannelRegistry channels, ConnectionRegistry connections,
			PayloadConverter payloads, StatisticsCollector stats) {
		return new IpcTemplate(delivery, channels, connections, payloads, stats);
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = "ipcHandlerExecutor")
	ExecutorService ipcHandlerExecutor(IpcProperties properties) {
		return fixedPool(properties.workers().handlerThreads(), "ipc-handler-");
	}

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnMissingBean(name = "ipcSenderExecutor")
	ExecutorService ipcSenderExecutor(IpcProperties properties) {
		return fixedPool(properties.workers().senderThreads(), "ipc-sender-");
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectionHandleFactory ipcConnectionHandleFactory(EnvelopeCodec codec,
			@Qualifier("ipcHandlerExecutor") ExecutorService handlerExecutor,
			@Qualifier("ipcSenderExecutor") ExecutorService senderExecutor, IpcProperties properties,
			StatisticsCollector stats) {
		OutboundLimits limits = new OutboundLimits(properties.connection().sendBuffer().toBytes(),
				properties.connection().overflowPolicy(), properties.apps().overflowPolicy());
		return new ConnectionHandleFactory(codec, handlerExecutor, senderExecutor, limits, new ConnectionListener() {

			@Override
			public void slowConsumerDisconnected(IpcConnection connection) {
				stats.error(IpcErrorCode.SLOW_CONSUMER);
			}

			@Override
			public void messagesDropped(IpcConnection connection, int count) {
				for (int i = 0; i < count; i++) {
					stats.dropped();
				}
			}

		});
	}

	/**
	 * A fixed pool whose queue holds at most one task per connection (each connection runs its work through its own
	 * ordered executor), so the queue is bounded by the number of connections.
	 */
	private static ExecutorService fixedPool(int threads, String namePrefix) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(namePrefix);
		threadFactory.setDaemon(true);
		return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threadFactory);
	}

}
