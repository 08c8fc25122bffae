package dev.ipcframework.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Requests awaiting their response, by message id. A response completes its future, or fails it when the payload
 * is an error; a timeout or a lost connection fails it.
 */
final class PendingRequests {

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler;

	PendingRequests(ScheduledExecutorService scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * Registers a request before it is sent.
	 * @param timeout null: no timer (the caller waits with its own)
	 */
	CompletableFuture<JsonNode> register(String messageId, String channel, Duration timeout) {
		CompletableFuture<JsonNode> future = new CompletableFuture<>();
		ScheduledFuture<?> timer = (timeout != null) ? this.scheduler.schedule(
				() -> fail(messageId, new RequestTimeoutException(channel, timeout)), timeout.toMillis(),
				TimeUnit.MILLISECONDS) : null;
		this.pending.put(messageId, new Pending(future, timer));
		return future;
	}

	/** Completes the request that {@code replyTo} answers; a response to nothing we wait for is ignored. */
	boolean complete(String replyTo, JsonNode payload) {
		Pending request = this.pending.remove(replyTo);
		if (request == null) {
			return false;
		}
		request.cancelTimer();
		IpcClientException error = ErrorPayloads.toException(payload);
		if (error != null) {
			request.future().completeExceptionally(error);
		}
		else {
			request.future().complete(payload);
		}
		return true;
	}

	void fail(String messageId, Throwable cause) {
		Pending request = this.pending.remove(messageId);
		if (request != null) {
			request.cancelTimer();
			request.future().completeExceptionally(cause);
		}
	}

	void failAll(Throwable cause) {
		for (String id : this.pending.keySet()) {
			fail(id, cause);
		}
	}

	int size() {
		return this.pending.size();
	}

	private record Pending(CompletableFuture<JsonNode> future, ScheduledFuture<?> timer) {

		void cancelTimer() {
			if (this.timer != null) {
				this.timer.cancel(false);
			}
		}

	}

}
