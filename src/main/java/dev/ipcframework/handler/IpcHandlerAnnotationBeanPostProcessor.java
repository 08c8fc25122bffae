package dev.ipcframework.handler;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.messaging.handler.annotation.support.MessageHandlerMethodFactory;
import org.springframework.util.StringUtils;

/**
 * Finds {@link IpcHandler} methods on every bean and registers them once all singletons exist, as
 * {@code KafkaListenerAnnotationBeanPostProcessor} does for {@code @KafkaListener}.
 */
public class IpcHandlerAnnotationBeanPostProcessor
		implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	/** The bean that builds invocable handler methods; define one of this name to change argument binding. */
	public static final String METHOD_FACTORY_BEAN_NAME = "ipcMessageHandlerMethodFactory";

	private record Found(Object bean, Method method, HandlerKey key) {
	}

	private final List<Found> pending = new ArrayList<>();

	private BeanFactory beanFactory;

	private boolean singletonsReady;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, IpcHandler> annotated = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<IpcHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, IpcHandler.class));
		annotated.forEach((method, annotation) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			Found found = new Found(bean, invocable, keyOf(annotation, method));
			if (this.singletonsReady) {
				register(found);
			}
			else {
				this.pending.add(found);
			}
		});
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.singletonsReady = true;
		this.pending.forEach(this::register);
		this.pending.clear();
	}

	private void register(Found found) {
		MessageHandlerMethodFactory methodFactory = this.beanFactory.getBean(METHOD_FACTORY_BEAN_NAME,
				MessageHandlerMethodFactory.class);
		this.beanFactory.getBean(IpcHandlerRegistry.class)
			.register(new IpcHandlerEndpoint(found.key(),
					methodFactory.createInvocableHandlerMethod(found.bean(), found.method())));
	}

	private HandlerKey keyOf(IpcHandler annotation, Method method) {
		String app = resolve(annotation.app());
		String channel = resolve(annotation.channel());
		if (!StringUtils.hasText(app) || !StringUtils.hasText(channel)) {
			throw new IllegalStateException(
					"@IpcHandler " + IpcHandlerEndpoint.describe(method) + " must name an app and a channel");
		}
		return new HandlerKey(app, channel, annotation.type());
	}

	private String resolve(String value) {
		if (this.beanFactory instanceof ConfigurableBeanFactory configurable) {
			String resolved = configurable.resolveEmbeddedValue(value);
			return (resolved != null) ? resolved : value;
		}
		return value;
	}

}
