package dev.ipcframework.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.protocol.IpcEnvelope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.ClassUtils;

/**
 * Calls a handler method with a message built from the envelope, and turns whatever it returns (a value, a
 * future, a Mono) into one future of the result.
 */
public class IpcHandlerInvoker {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			IpcHandlerInvoker.class.getClassLoader());

	public CompletableFuture<@Nullable Object> invoke(IpcHandlerEndpoint endpoint, IpcEnvelope envelope,
			IpcConnection caller) {
		Message<JsonNode> message = MessageBuilder.withPayload(envelope.payload())
			.setHeader(IpcHeaders.APP_ID, envelope.appId())
			.setHeader(IpcHeaders.CHANNEL_ID, envelope.channelId())
			.setHeader(IpcHeaders.MESSAGE_ID, envelope.messageId())
			.setHeader(IpcHeaders.CONNECTION_ID, caller.id())
			.setHeader(IpcHeaders.CONNECTION, caller)
			.setHeader(IpcHeaders.ENVELOPE, envelope)
			.build();
		try {
			return toFuture(endpoint.method().invoke(message));
		}
		catch (Exception ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static CompletableFuture<@Nullable Object> toFuture(@Nullable Object result) {
		if (result instanceof CompletionStage<?> stage) {
			return (CompletableFuture<@Nullable Object>) stage.toCompletableFuture();
		}
		if (REACTOR_PRESENT && MonoResults.isMono(result)) {
			return MonoResults.toFuture(result);
		}
		return CompletableFuture.completedFuture(result);
	}

}
