package dev.ipcframework.handler.support;

import java.lang.reflect.Type;

import dev.ipcframework.protocol.PayloadConverter;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.SmartMessageConverter;

/**
 * Binds a message's payload tree to a handler parameter's declared (generic) type through Jackson.
 */
public class PayloadMessageConverter implements SmartMessageConverter {

	private final PayloadConverter payloads;

	public PayloadMessageConverter(PayloadConverter payloads) {
		this.payloads = payloads;
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
		return fromMessage(message, targetClass, null);
	}

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass, @Nullable Object conversionHint) {
		if (!(message.getPayload() instanceof JsonNode payload)) {
			return null;
		}
		Type type = (conversionHint instanceof MethodParameter parameter) ? parameter.getGenericParameterType()
				: targetClass;
		try {
			return this.payloads.fromPayload(payload, type);
		}
		catch (JacksonException ex) {
			throw new MessageConversionException(message, "payload does not bind to " + targetClass.getSimpleName(),
					ex);
		}
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
		return null;
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers,
			@Nullable Object conversionHint) {
		return null;
	}

}
