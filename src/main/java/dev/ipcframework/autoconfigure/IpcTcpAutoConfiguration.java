package dev.ipcframework.autoconfigure;

import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.transport.tcp.FrameTooLargeReplyingMapper;
import dev.ipcframework.transport.tcp.LengthHeaderFrameCodec;
import dev.ipcframework.transport.tcp.TcpInboundEndpoint;
import dev.ipcframework.transport.tcp.WriteTimeoutSocketSupport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.outbound.TcpSendingMessageHandler;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.util.CompositeExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.StringUtils;

/**
 * The TCP endpoint on spring-integration-ip: an NIO server connection factory with the protocol's length-header
 * framing, a receiving adapter feeding the router and a sending adapter for replies, sharing the factory.
 */
@AutoConfiguration(after = IpcAutoConfiguration.class,
		afterName = "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration")
@ConditionalOnClass(TcpNioServerConnectionFactory.class)
@ConditionalOnProperty(prefix = "ipc.tcp", name = "enabled", matchIfMissing = true)
@EnableIntegration
public class IpcTcpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FrameTooLargeReplyingMapper ipcTcpMessageMapper() {
		FrameTooLargeReplyingMapper mapper = new FrameTooLargeReplyingMapper();
		// frames are numbered in stream order so that the inbound endpoint can restore it (see FrameResequencer)
		mapper.setApplySequence(true);
		return mapper;
	}

	@Bean
	@ConditionalOnMissingBean(name = "ipcTcpConnectionFactory")
	TcpNioServerConnectionFactory ipcTcpConnectionFactory(IpcProperties properties,
			FrameTooLargeReplyingMapper ipcTcpMessageMapper, IpcExecutors executors) {
		IpcProperties.Tcp tcp = properties.tcp();
		TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(tcp.port());
		LengthHeaderFrameCodec frames = new LengthHeaderFrameCodec(
				(int) Math.min(Integer.MAX_VALUE, tcp.maxFrameSize().toBytes()), tcp.frameTimeout(),
				executors.scheduler());
		factory.setSerializer(frames);
		factory.setDeserializer(frames);
		factory.setMapper(ipcTcpMessageMapper);
		// no reverse DNS lookup for every accepted connection
		factory.setLookupHost(false);
		factory.setSoKeepAlive(true);
		factory.setTcpSocketSupport(new WriteTimeoutSocketSupport(
				(int) Math.min(Integer.MAX_VALUE, properties.connection().writeTimeout().toMillis())));
		// replies must not wait for Nagle's algorithm
		factory.setSoTcpNoDelay(true);
		factory.setTaskExecutor(ioAndAssemblerExecutor(tcp.assemblerThreads()));
		if (StringUtils.hasText(tcp.host())) {
			factory.setLocalAddress(tcp.host());
		}
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean(name = "ipcTcpSender")
	TcpSendingMessageHandler ipcTcpSender(AbstractServerConnectionFactory ipcTcpConnectionFactory) {
		TcpSendingMessageHandler sender = new TcpSendingMessageHandler();
		sender.setConnectionFactory(ipcTcpConnectionFactory);
		return sender;
	}

	@Bean
	@ConditionalOnMissingBean
	TcpInboundEndpoint ipcTcpInboundEndpoint(AbstractServerConnectionFactory ipcTcpConnectionFactory,
			TcpSendingMessageHandler ipcTcpSender, ConnectionHandleFactory handles, IpcRouter router,
			ReplySender replies, EnvelopeCodec codec, FrameTooLargeReplyingMapper ipcTcpMessageMapper,
			IpcProperties properties) {
		TcpInboundEndpoint endpoint = new TcpInboundEndpoint(ipcTcpConnectionFactory, ipcTcpSender, handles, router,
				replies, codec, properties.tcp().frameTimeout());
		ipcTcpMessageMapper.setErrorFrame(endpoint::frameTooLarge);
		return endpoint;
	}

	@Bean
	IntegrationFlow ipcTcpInboundFlow(AbstractServerConnectionFactory ipcTcpConnectionFactory,
			TcpInboundEndpoint ipcTcpInboundEndpoint) {
		return IntegrationFlow.from(Tcp.inboundAdapter(ipcTcpConnectionFactory)).handle(ipcTcpInboundEndpoint).get();
	}

	/**
	 * Separate bounded pools for socket I/O and frame assembly, rejecting rather than running on the caller: an I/O
	 * thread that became an assembler could block the selector (Spring Integration reference, "NIO").
	 */
	private static CompositeExecutor ioAndAssemblerExecutor(int assemblerThreads) {
		return new CompositeExecutor(boundedPool("ipc-tcp-io-", 2, 8), boundedPool("ipc-tcp-assembler-",
				Math.min(4, assemblerThreads), assemblerThreads));
	}

	private static ThreadPoolTaskExecutor boundedPool(String prefix, int core, int max) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix(prefix);
		executor.setCorePoolSize(core);
		executor.setMaxPoolSize(max);
		executor.setQueueCapacity(0);
		executor.setDaemon(true);
		executor.initialize();
		return executor;
	}

}
