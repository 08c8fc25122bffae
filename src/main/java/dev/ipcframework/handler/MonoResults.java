package dev.ipcframework.handler;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reactor support, kept apart so that the invoker loads without Reactor on the class path.
 */
final class MonoResults {

	private MonoResults() {
	}

	static boolean isMono(@Nullable Object result) {
		return result instanceof Mono<?>;
	}

	@SuppressWarnings("unchecked")
	static CompletableFuture<@Nullable Object> toFuture(Object mono) {
		return ((Mono<@Nullable Object>) mono).toFuture();
	}

}
