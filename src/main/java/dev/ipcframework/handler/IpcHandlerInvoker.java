package dev.ipcframework.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.stats.StatisticsCollector;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.ClassUtils;

/**
 * Calls a handler method with a message built from the envelope, and turns whatever it returns (a value, a
 * future, a Mono) into one future of the result, timing it from the call until that future completes.
 */
public class IpcHandlerInvoker {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			IpcHandlerInvoker.class.getClassLoader());

	private final @Nullable StatisticsCollector stats;

	/** An invoker that records no handler times. */
	public IpcHandlerInvoker() {
		this(null);
	}

	public IpcHandlerInvoker(@Nullable StatisticsCollector stats) {
		this.stats = stats;
	}

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
		long start = System.nanoTime();
		CompletableFuture<@Nullable Object> result;
		try {
			result = toFuture(endpoint.method().invoke(message));
		}
		catch (Exception ex) {
			result = CompletableFuture.failedFuture(ex);
		}
		StatisticsCollector stats = this.stats;
		if (stats == null) {
			return result;
		}
		HandlerKey key = endpoint.key();
		// recorded before dependants run, so that a reply sent is never seen before its handler time
		return result.whenComplete((value, failure) -> stats.handlerCompleted(key.appId(), key.channelId(),
				key.type(), System.nanoTime() - start, failure == null));
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
