package dev.ipcframework.autoconfigure;

import java.util.List;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.handler.IpcHandlerAnnotationBeanPostProcessor;
import dev.ipcframework.handler.IpcHandlerErrorMapper;
import dev.ipcframework.handler.IpcHandlerInvoker;
import dev.ipcframework.handler.IpcHeaders;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.handler.support.HeaderValueArgumentResolver;
import dev.ipcframework.handler.support.PayloadMessageConverter;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.PayloadConverter;
import dev.ipcframework.security.IpcPrincipal;
import dev.ipcframework.stats.StatisticsCollector;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.validation.Validator;

/**
 * The {@code @IpcHandler} machinery: discovery, registry, argument binding, invocation and error mapping.
 */
@Configuration(proxyBeanMethods = false)
class IpcHandlerConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static IpcHandlerAnnotationBeanPostProcessor ipcHandlerAnnotationBeanPostProcessor() {
		return new IpcHandlerAnnotationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	IpcHandlerRegistry ipcHandlerRegistry() {
		return new IpcHandlerRegistry();
	}

	/** Binds handler parameters with spring-messaging's resolvers, plus the connection, principal and envelope. */
	@Bean
	@ConditionalOnMissingBean(name = IpcHandlerAnnotationBeanPostProcessor.METHOD_FACTORY_BEAN_NAME)
	MessageHandlerMethodFactory ipcMessageHandlerMethodFactory(PayloadConverter payloads,
			ObjectProvider<Validator> validators) {
		DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();
		factory.setMessageConverter(new PayloadMessageConverter(payloads));
		// MVC adds a second Validator that wraps the same Bean Validation provider; either will do
		validators.orderedStream().findFirst().ifPresent(factory::setValidator);
		factory.setCustomArgumentResolvers(
				List.of(new HeaderValueArgumentResolver(IpcConnection.class, IpcHeaders.CONNECTION),
						new HeaderValueArgumentResolver(IpcPrincipal.class, IpcHeaders.PRINCIPAL),
						new HeaderValueArgumentResolver(IpcEnvelope.class, IpcHeaders.ENVELOPE)));
		factory.afterPropertiesSet();
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	IpcHandlerInvoker ipcHandlerInvoker(StatisticsCollector stats) {
		return new IpcHandlerInvoker(stats);
	}

	@Bean
	@ConditionalOnMissingBean
	IpcHandlerErrorMapper ipcHandlerErrorMapper() {
		return new IpcHandlerErrorMapper();
	}

}
