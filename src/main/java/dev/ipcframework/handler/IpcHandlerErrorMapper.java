package dev.ipcframework.handler;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import tools.jackson.core.JacksonException;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Maps what a handler threw to the error its caller sees: {@code BAD_REQUEST} naming the field for a payload that
 * does not bind or validate, the chosen code of an {@link IpcException}, {@code HANDLER_ERROR} with the message
 * for anything else. Replace the bean to map exceptions of your own.
 */
public class IpcHandlerErrorMapper {

	public IpcError toError(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof IpcException ipc) {
			return ipc.toError();
		}
		if (cause instanceof MethodArgumentNotValidException invalid) {
			return new IpcError(IpcErrorCode.BAD_REQUEST, describe(invalid));
		}
		if (cause instanceof MessageConversionException conversion) {
			return new IpcError(IpcErrorCode.BAD_REQUEST, describe(conversion));
		}
		String message = cause.getMessage();
		return new IpcError(IpcErrorCode.HANDLER_ERROR,
				(message != null) ? message : cause.getClass().getSimpleName());
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException
				|| cause instanceof InvocationTargetException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String describe(MethodArgumentNotValidException invalid) {
		BindingResult result = invalid.getBindingResult();
		if (result == null || !result.hasErrors()) {
			return "invalid payload: " + invalid.getMessage();
		}
		return "invalid payload: " + result.getAllErrors().stream().map((error) -> {
			if (error instanceof FieldError field) {
				return "field '" + field.getField() + "' " + field.getDefaultMessage();
			}
			return error.getDefaultMessage();
		}).collect(Collectors.joining("; "));
	}

	private static String describe(MessageConversionException conversion) {
		for (Throwable cause = conversion; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException jackson) {
				String path = path(jackson);
				return "payload does not bind" + (path.isEmpty() ? "" : " at field '" + path + "'") + ": "
						+ jackson.getOriginalMessage();
			}
		}
		return "payload does not bind: " + conversion.getMessage();
	}

	private static String path(JacksonException jackson) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : jackson.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
