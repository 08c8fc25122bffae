package dev.ipcframework.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.ipcframework.protocol.IpcEnvelope;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels this client serves, and the answering of the requests the server forwards to it: the handler runs
 * on the serve pool, and its result (or error) goes back as a {@code response} whose {@code reply_to} is the
 * forwarded request's id.
 */
final class ServedChannels {

	/** One served channel: the handler that answers it and the registration handed to the caller. */
	record Served(String channel, Handler handler, Subscription subscription,
			CompletableFuture<Subscription> acknowledged) {
	}

	/** A {@link RequestHandler} with its payload conversion bound in. */
	@FunctionalInterface
	interface Handler {

		Object handle(JsonNode payload) throws Exception;

	}

	private final Map<String, Served> byChannel = new ConcurrentHashMap<>();

	private final Executor executor;

	private final JsonMapper mapper;

	private final Consumer<Throwable> errors;

	ServedChannels(Executor executor, JsonMapper mapper, Consumer<Throwable> errors) {
		this.executor = executor;
		this.mapper = mapper;
		this.errors = errors;
	}

	void put(Served served) {
		this.byChannel.put(served.channel(), served);
	}

	boolean remove(Served served) {
		return this.byChannel.remove(served.channel(), served);
	}

	boolean contains(Served served) {
		return this.byChannel.get(served.channel()) == served;
	}

	List<Served> all() {
		return List.copyOf(this.byChannel.values());
	}

	boolean serves(String channel) {
		return this.byChannel.containsKey(channel);
	}

	/** Answers a forwarded request through {@code reply}; never throws. */
	void answer(IpcEnvelope request, Consumer<IpcEnvelope> reply) {
		Served served = this.byChannel.get(request.channelId());
		if (served == null) {
			reply.accept(request.respond(ErrorPayloads.of("NO_HANDLER",
					"this client no longer serves channel '" + request.channelId() + "'")));
			return;
		}
		try {
			this.executor.execute(() -> invoke(served, request).whenComplete((result, error) -> {
				reply.accept(request.respond((error == null) ? result : errorPayload(error)));
			}));
		}
		catch (RejectedExecutionException ex) {
			reply.accept(request.respond(ErrorPayloads.of("HANDLER_ERROR", "the client is closing")));
		}
	}

	private CompletableFuture<JsonNode> invoke(Served served, IpcEnvelope request) {
		try {
			Object result = served.handler().handle(request.payload());
			if (result instanceof CompletionStage<?> stage) {
				return stage.toCompletableFuture().thenApply(this::toTree);
			}
			return CompletableFuture.completedFuture(toTree(result));
		}
		catch (Exception ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private JsonNode toTree(Object value) {
		return (value instanceof JsonNode node) ? node : this.mapper.valueToTree(value);
	}

	private JsonNode errorPayload(Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (cause instanceof IpcClientException ipc) {
			return ErrorPayloads.of(ipc.code(), messageOf(ipc));
		}
		if (cause instanceof JacksonException) {
			return ErrorPayloads.of("BAD_REQUEST", "payload does not fit: " + cause.getMessage());
		}
		this.errors.accept(cause);
		return ErrorPayloads.of("HANDLER_ERROR", String.valueOf(cause.getMessage()));
	}

	private static String messageOf(IpcClientException ex) {
		String message = ex.getMessage();
		String prefix = ex.code() + ": ";
		return (message != null && message.startsWith(prefix)) ? message.substring(prefix.length()) : message;
	}

}
