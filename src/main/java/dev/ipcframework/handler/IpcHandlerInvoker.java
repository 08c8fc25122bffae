package dev.ipcframework.handler;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.security.IpcPrincipal;
import dev.ipcframework.stats.StatisticsCollector;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
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
		Message<JsonNode> message = new GenericMessage<>(envelope.payload(), new InvocationHeaders(envelope, caller));
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

	/**
	 * The headers of a handler's message, without the random id and the timestamp that Spring's messages carry by
	 * default: the message lives for one call, and a random UUID per request is measurable under load. Filled in
	 * place rather than copied from another map, as Spring's own mutable headers are.
	 */
	private static final class InvocationHeaders extends MessageHeaders {

		InvocationHeaders(IpcEnvelope envelope, IpcConnection caller) {
			super(null, ID_VALUE_NONE, -1L);
			Map<String, Object> headers = getRawHeaders();
			headers.put(IpcHeaders.APP_ID, envelope.appId());
			headers.put(IpcHeaders.CHANNEL_ID, envelope.channelId());
			headers.put(IpcHeaders.MESSAGE_ID, envelope.messageId());
			String connectionId = caller.id();
			if (connectionId != null) {
				headers.put(IpcHeaders.CONNECTION_ID, connectionId);
			}
			headers.put(IpcHeaders.CONNECTION, caller);
			IpcPrincipal principal = caller.principal();
			if (principal != null) {
				headers.put(IpcHeaders.PRINCIPAL, principal);
			}
			headers.put(IpcHeaders.ENVELOPE, envelope);
		}

	}

}
