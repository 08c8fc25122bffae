package dev.ipcframework.autoconfigure;

import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.transport.tcp.FrameBatchSerializer;
import dev.ipcframework.transport.tcp.IpcTcpMessageMapper;
import dev.ipcframework.transport.tcp.IpcTcpConnectionSupport;
import dev.ipcframework.transport.tcp.IpcTcpServerConnectionFactory;
import dev.ipcframework.transport.tcp.LengthHeaderFrameCodec;
import dev.ipcframework.transport.tcp.TcpInboundEndpoint;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * The TCP endpoint on spring-integration-ip: a server connection factory with the protocol's length-header framing
 * and a receiving adapter feeding the router. Each connection is read by a thread of its own (virtual where the JVM
 * has them), so a stalled peer holds only its own thread, frames reach the router in stream order without being
 * handed between threads, and not reading a connection is how the server pushes back on it. Replies and published
 * messages are written through the connections themselves, a batch of frames per write.
 */
@AutoConfiguration(after = IpcAutoConfiguration.class,
		afterName = "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration")
@ConditionalOnClass(TcpNetServerConnectionFactory.class)
@ConditionalOnProperty(prefix = "ipc.tcp", name = "enabled", matchIfMissing = true)
@EnableIntegration
public class IpcTcpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpcTcpMessageMapper ipcTcpMessageMapper() {
		return new IpcTcpMessageMapper();
	}

	@Bean
	@ConditionalOnMissingBean(name = "ipcTcpConnectionFactory")
	TcpNetServerConnectionFactory ipcTcpConnectionFactory(IpcProperties properties,
			IpcTcpMessageMapper ipcTcpMessageMapper, IpcExecutors executors) {
		IpcProperties.Tcp tcp = properties.tcp();
		TcpNetServerConnectionFactory factory = new IpcTcpServerConnectionFactory(tcp.port());
		// peers connecting at once wait in the kernel's queue instead of being refused (Spring Integration's
		// default is 5)
		factory.setBacklog(tcp.backlog());
		factory.setDeserializer(new LengthHeaderFrameCodec(
				(int) Math.min(Integer.MAX_VALUE, tcp.maxFrameSize().toBytes()), tcp.frameTimeout(),
				executors.scheduler()));
		factory.setSerializer(new FrameBatchSerializer());
		factory.setMapper(ipcTcpMessageMapper);
		factory.setTcpNetConnectionSupport(new IpcTcpConnectionSupport());
		// no reverse DNS lookup for every accepted connection
		factory.setLookupHost(false);
		factory.setSoKeepAlive(true);
		// replies must not wait for Nagle's algorithm
		factory.setSoTcpNoDelay(true);
		factory.setTaskExecutor(executors.connectionReaders());
		if (StringUtils.hasText(tcp.host())) {
			factory.setLocalAddress(tcp.host());
		}
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	TcpInboundEndpoint ipcTcpInboundEndpoint(AbstractServerConnectionFactory ipcTcpConnectionFactory,
			ConnectionHandleFactory handles, IpcRouter router, ReplySender replies, EnvelopeCodec codec,
			IpcTcpMessageMapper ipcTcpMessageMapper) {
		TcpInboundEndpoint endpoint = new TcpInboundEndpoint(ipcTcpConnectionFactory, handles, router, replies,
				codec);
		ipcTcpMessageMapper.setErrorFrame(endpoint::frameTooLarge);
		return endpoint;
	}

}
