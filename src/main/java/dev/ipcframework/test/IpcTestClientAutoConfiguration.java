package dev.ipcframework.test;

import java.net.URI;
import java.time.Duration;

import dev.ipcframework.autoconfigure.IpcAutoConfiguration;
import dev.ipcframework.autoconfigure.IpcProperties;
import dev.ipcframework.autoconfigure.IpcTcpAutoConfiguration;
import dev.ipcframework.autoconfigure.IpcWebSocketAutoConfiguration;
import dev.ipcframework.connection.Transport;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@link IpcTestClient} of {@link AutoConfigureIpcTestClient @AutoConfigureIpcTestClient}, pointed at the
 * context's own server. Ports are looked up when the first application connects, after the server has started.
 */
@AutoConfiguration(after = { IpcAutoConfiguration.class, IpcTcpAutoConfiguration.class,
		IpcWebSocketAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
class IpcTestClientAutoConfiguration {

	static final String TRANSPORT_PROPERTY = "ipc.test.client.transport";

	static final String TIMEOUT_PROPERTY = "ipc.test.client.timeout";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	IpcTestClient ipcTestClient(ApplicationContext context, Environment environment,
			ObjectProvider<IpcProperties> properties, ObjectProvider<JsonMapper> jsonMapper) {
		Transport transport = environment.getProperty(TRANSPORT_PROPERTY, Transport.class, Transport.TCP);
		Duration timeout = environment.getProperty(TIMEOUT_PROPERTY, Duration.class, Duration.ofSeconds(10));
		return new IpcTestClient(transport, () -> url(transport, context, environment, properties, timeout),
				jsonMapper.getIfAvailable(JsonMapper::new), timeout);
	}

	private static URI url(Transport transport, ApplicationContext context, Environment environment,
			ObjectProvider<IpcProperties> properties, Duration timeout) {
		if (transport == Transport.TCP) {
			return URI.create("tcp://127.0.0.1:" + TcpServerPort.of(context, timeout));
		}
		Integer port = environment.getProperty("local.server.port", Integer.class);
		if (port == null || port <= 0) {
			throw new IllegalStateException("The IPC test client connects over WebSocket, but no web server is "
					+ "listening; use @SpringBootTest(webEnvironment = RANDOM_PORT), or TCP");
		}
		IpcProperties ipc = properties.getIfAvailable();
		String path = (ipc != null) ? ipc.websocket().path() : "/ipc";
		return URI.create("ws://127.0.0.1:" + port + path);
	}

}
