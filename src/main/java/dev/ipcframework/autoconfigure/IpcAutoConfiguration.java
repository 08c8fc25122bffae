package dev.ipcframework.autoconfigure;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.handler.IpcHandlerErrorMapper;
import dev.ipcframework.handler.IpcHandlerInvoker;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.PayloadConverter;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.routing.HandlerDispatcher;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.routing.LocalMessageDelivery;
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
	SubscriptionRegistry ipcSubscriptionRegistry() {
		return new SubscriptionRegistry();
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
			HandlerDispatcher handlers, ReplySender replies, StatisticsCollector stats) {
		return new IpcRouter(codec, connections, channels, subscriptions, delivery, system, handlers, replies, stats);
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
		return new ConnectionHandleFactory(codec, handlerExecutor, senderExecutor,
				properties.connection().sendBuffer().toBytes(), stats);
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
