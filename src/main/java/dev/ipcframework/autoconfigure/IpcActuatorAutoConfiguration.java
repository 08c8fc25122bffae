package dev.ipcframework.autoconfigure;

import dev.ipcframework.actuate.IpcEndpoint;
import dev.ipcframework.actuate.IpcHealthIndicator;
import dev.ipcframework.routing.IpcTemplate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The {@code ipc} Actuator endpoint and health contributor.
 */
@AutoConfiguration(after = { IpcAutoConfiguration.class, IpcTcpAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
public class IpcActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IpcEndpoint ipcEndpoint(IpcTemplate template) {
		return new IpcEndpoint(template);
	}

	@Bean
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnMissingBean(name = "ipcHealthIndicator")
	IpcHealthIndicator ipcHealthIndicator(ObjectProvider<AbstractServerConnectionFactory> ipcTcpConnectionFactory) {
		return new IpcHealthIndicator(ipcTcpConnectionFactory.getIfAvailable());
	}

}
