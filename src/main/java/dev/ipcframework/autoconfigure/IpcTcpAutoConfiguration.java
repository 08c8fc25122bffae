package dev.ipcframework.autoconfigure;

import java.time.Duration;

import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.transport.tcp.FrameBatchSerializer;
import dev.ipcframework.transport.tcp.IpcTcpMessageMapper;
import dev.ipcframework.transport.tcp.IpcNioConnectionSupport;
import dev.ipcframework.transport.tcp.IpcNioServerConnectionFactory;
import dev.ipcframework.transport.tcp.IpcTcpConnectionSupport;
import dev.ipcframework.transport.tcp.IpcTcpServerConnectionFactory;
import dev.ipcframework.transport.tcp.LengthHeaderFrameCodec;
import dev.ipcframework.transport.tcp.TcpInboundEndpoint;
import dev.ipcframework.transport.tcp.TcpIoMode;
import dev.ipcframework.transport.tcp.TlsServerSocketSupport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.util.StringUtils;

/**
 * The TCP endpoint on spring-integration-ip: a server connection factory with the protocol's length-header framing
 * and a receiving adapter feeding the router. A connection is read by one thread at a time: its own, virtual where
 * the JVM has them ({@code TcpNetServerConnectionFactory}), or on Java 17 a pool thread for each read the selector
 * finds ready ({@code TcpNioServerConnectionFactory}), so that an idle connection holds no thread. Frames reach the
 * router in stream order on the thread that read them, and not reading a connection is how the server pushes back
 * on it. Replies and published
 * messages are written through the connections themselves, a batch of frames per write. With
 * {@code ipc.tcp.ssl.bundle} the port speaks TLS only, with the SSL context of that Spring Boot SSL bundle.
 */
@AutoConfiguration(after = IpcAutoConfiguration.class,
		afterName = { "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration",
				"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
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
	AbstractServerConnectionFactory ipcTcpConnectionFactory(IpcProperties properties,
			IpcTcpMessageMapper ipcTcpMessageMapper, IpcExecutors executors, ObjectProvider<SslBundles> sslBundles) {
		IpcProperties.Tcp tcp = properties.tcp();
		boolean tls = StringUtils.hasText(tcp.ssl().bundle());
		LengthHeaderFrameCodec framing = new LengthHeaderFrameCodec(
				(int) Math.min(Integer.MAX_VALUE, tcp.maxFrameSize().toBytes()), tcp.frameTimeout(),
				executors.scheduler());
		AbstractServerConnectionFactory factory;
		if (usesNio(tcp.ioMode(), tls, executors)) {
			IpcNioServerConnectionFactory nio = new IpcNioServerConnectionFactory(tcp.port());
			nio.setTcpNioConnectionSupport(new IpcNioConnectionSupport(framing));
			factory = nio;
		}
		else {
			TcpNetServerConnectionFactory net = new IpcTcpServerConnectionFactory(tcp.port());
			if (tls) {
				SslBundle bundle = sslBundle(tcp.ssl().bundle(), sslBundles);
				net.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(bundle::createSslContext));
				net.setTcpSocketSupport(new TlsServerSocketSupport(tcp.ssl().clientAuth(), bundle.getOptions()));
				// a handshake that does not finish holds its connection's thread no longer than a connect request
				// may take
				net.setTcpNetConnectionSupport(new IpcTcpConnectionSupport(properties.connection().handshakeTimeout(),
						executors.virtualThreads()));
			}
			else {
				net.setTcpNetConnectionSupport(new IpcTcpConnectionSupport(Duration.ZERO, executors.virtualThreads()));
			}
			factory = net;
		}
		// peers connecting at once wait in the kernel's queue instead of being refused (Spring Integration's
		// default is 5)
		factory.setBacklog(tcp.backlog());
		factory.setDeserializer(framing);
		factory.setSerializer(new FrameBatchSerializer());
		factory.setMapper(ipcTcpMessageMapper);
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

	/**
	 * NIO where asked for, or by default where connections would otherwise each hold a platform thread; never with
	 * TLS, which Spring Integration's NIO connections do through a different class.
	 */
	private static boolean usesNio(TcpIoMode mode, boolean tls, IpcExecutors executors) {
		if (mode == TcpIoMode.NIO && tls) {
			throw new IllegalStateException("ipc.tcp.io-mode=nio serves plain TCP only, and ipc.tcp.ssl.bundle is "
					+ "set: use ipc.tcp.io-mode=blocking (or auto) for TLS");
		}
		return mode == TcpIoMode.NIO || (mode == TcpIoMode.AUTO && !tls && !executors.virtualThreads());
	}

	private static SslBundle sslBundle(String name, ObjectProvider<SslBundles> sslBundles) {
		SslBundles bundles = sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new IllegalStateException("ipc.tcp.ssl.bundle is set to '" + name
					+ "' but there are no SSL bundles: is Spring Boot's SslAutoConfiguration excluded?");
		}
		try {
			return bundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException("ipc.tcp.ssl.bundle names the SSL bundle '" + name
					+ "', which is not configured: define it under spring.ssl.bundle.pem." + name
					+ " (certificate and private-key) or spring.ssl.bundle.jks." + name, ex);
		}
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
