package dev.ipcframework.autoconfigure;

import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.routing.IpcRouter;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.transport.websocket.IpcWebSocketHandler;
import dev.ipcframework.transport.websocket.TomcatConnectionLimit;
import dev.ipcframework.transport.websocket.TomcatReadingThreads;
import dev.ipcframework.transport.websocket.TomcatUpgradeStrategy;
import dev.ipcframework.transport.websocket.UpgradeTokenInterceptor;
import org.apache.catalina.startup.Tomcat;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The WebSocket endpoint, on the HTTP port of a servlet web application.
 */
@AutoConfiguration(after = IpcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebSocketConfigurer.class)
@ConditionalOnProperty(prefix = "ipc.websocket", name = "enabled", matchIfMissing = true)
@EnableWebSocket
public class IpcWebSocketAutoConfiguration {

	/**
	 * Messages arrive in parts of at most this size and are assembled up to the frame limit. Tomcat gives every
	 * session, for its whole life, a byte buffer of this size and a char buffer of as many characters: 24 KiB of
	 * heap per idle connection at Tomcat's default of 8 KiB, 6 KiB at 2 KiB, which still holds a typical envelope
	 * whole (larger ones cost one more hand-over per 2 KiB).
	 */
	private static final int CONTAINER_BUFFER_BYTES = 2 * 1024;

	/**
	 * Where the service speaks WebSocket itself on the upgraded connection (TomcatUpgradeStrategy), unless the
	 * container's implementation is wanted for its compression.
	 */
	private static final boolean TOMCAT = ClassUtils.isPresent("org.apache.tomcat.websocket.server.WsServerContainer",
			IpcWebSocketAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean
	IpcWebSocketHandler ipcWebSocketHandler(ConnectionHandleFactory handles, IpcRouter router, ReplySender replies,
			IpcProperties properties, IpcExecutors executors) {
		return new IpcWebSocketHandler(handles, router, replies, properties.websocketMaxFrameBytes(),
				properties.connection().writeTimeout(), properties.tcp().frameTimeout(), executors.scheduler());
	}

	@Bean
	WebSocketConfigurer ipcWebSocketConfigurer(IpcWebSocketHandler handler, IpcProperties properties) {
		return (registry) -> {
			// no allowed origins (the default) leaves only the server's own origin, and clients that send no Origin
			WebSocketHandlerRegistration registration = registry.addHandler(handler, properties.websocket().path())
				.addInterceptors(new UpgradeTokenInterceptor())
				.setAllowedOriginPatterns(properties.websocket().allowedOrigins().toArray(String[]::new));
			if (!properties.websocket().compression() && TOMCAT) {
				registration.setHandshakeHandler(new DefaultHandshakeHandler(new TomcatUpgradeStrategy(
						properties.connection().writeTimeout())));
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	ServletServerContainerFactoryBean ipcWebSocketContainer(IpcProperties properties) {
		int buffer = Math.min(CONTAINER_BUFFER_BYTES, properties.websocketMaxFrameBytes());
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(buffer);
		container.setMaxBinaryMessageBufferSize(buffer);
		return container;
	}

	/** On Tomcat with platform threads: messages handled on the thread that read them (see TomcatReadingThreads). */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
	@ConditionalOnThreading(Threading.PLATFORM)
	static class TomcatReadingThreadsConfiguration {

		@Bean
		TomcatReadingThreads ipcTomcatReadingThreads() {
			return new TomcatReadingThreads();
		}

	}

	/** On Tomcat: its connection limit does not cut in below ipc.max-connections, unless set on purpose. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatConnectionLimitConfiguration {

		@Bean
		TomcatConnectionLimit ipcTomcatConnectionLimit(IpcProperties properties, Environment environment) {
			boolean setOnPurpose = Binder.get(environment).bind("server.tomcat.max-connections", Integer.class)
				.isBound();
			return new TomcatConnectionLimit(properties.maxConnections(), setOnPurpose);
		}

	}

}
