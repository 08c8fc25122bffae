package dev.ipcframework.autoconfigure;

import dev.ipcframework.client.ConnectionListener;
import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.Options;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * An {@link IpcClient} bean for applications that call another IPC service, when {@code ipc.client.url} and
 * {@code ipc.client.app-id} are set. It uses the application's {@link JsonMapper} and a {@link ConnectionListener}
 * bean, if there are any, and is closed with the context.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnProperty(prefix = "ipc.client", name = { "url", "app-id" })
@EnableConfigurationProperties(IpcClientProperties.class)
public class IpcClientAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	IpcClient ipcClient(IpcClientProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<ConnectionListener> listener) {
		IpcClientProperties.Reconnect reconnect = properties.reconnect();
		Options.Builder options = Options.builder()
			.url(properties.url())
			.appId(properties.appId())
			.connectionId(properties.connectionId())
			.requestTimeout(properties.requestTimeout())
			.connectTimeout(properties.connectTimeout())
			.pingInterval(properties.pingInterval())
			.retryInitialConnect(properties.retryInitialConnect())
			.maxReconnectAttempts(reconnect.maxAttempts())
			.reconnectInitialDelay(reconnect.initialDelay())
			.reconnectMaxDelay(reconnect.maxDelay())
			.reconnectJitter(reconnect.jitter());
		jsonMapper.ifAvailable(options::jsonMapper);
		listener.ifAvailable(options::connectionListener);
		return IpcClient.connect(options.build());
	}

}
