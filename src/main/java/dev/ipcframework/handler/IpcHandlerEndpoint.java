package dev.ipcframework.handler;

import java.lang.reflect.Method;

import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.ClassUtils;

/**
 * One {@link IpcHandler} method, ready to invoke.
 */
public record IpcHandlerEndpoint(HandlerKey key, InvocableHandlerMethod method) {

	/** The method as {@code BeanClass.method(ParamType, ...)}, for messages that must name it. */
	public String describe() {
		return describe(this.method.getMethod());
	}

	static String describe(Method method) {
		StringBuilder text = new StringBuilder(ClassUtils.getUserClass(method.getDeclaringClass()).getName())
			.append('.')
			.append(method.getName())
			.append('(');
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			text.append((i > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return text.append(')').toString();
	}

}
