package dev.ipcframework.handler.support;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Binds parameters of one type to the object carried in one message header: the calling connection, its
 * principal ({@code null} when it has none), the whole envelope.
 */
public class HeaderValueArgumentResolver implements HandlerMethodArgumentResolver {

	private final Class<?> type;

	private final String header;

	public HeaderValueArgumentResolver(Class<?> type, String header) {
		this.type = type;
		this.header = header;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return this.type.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, Message<?> message) {
		return message.getHeaders().get(this.header);
	}

}
