package dev.ipcframework.routing;

import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.handler.HandlerKey;
import dev.ipcframework.handler.IpcHandlerEndpoint;
import dev.ipcframework.handler.IpcHandlerErrorMapper;
import dev.ipcframework.handler.IpcHandlerInvoker;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.PayloadConverter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Hands requests, notifications and publishes to their {@code @IpcHandler} and sends what comes back.
 */
public class HandlerDispatcher {

	private static final Log logger = LogFactory.getLog(HandlerDispatcher.class);

	private final IpcHandlerRegistry handlers;

	private final IpcHandlerInvoker invoker;

	private final IpcHandlerErrorMapper errors;

	private final PayloadConverter payloads;

	private final ReplySender replies;

	private final AtomicInteger inFlight = new AtomicInteger();

	public HandlerDispatcher(IpcHandlerRegistry handlers, IpcHandlerInvoker invoker, IpcHandlerErrorMapper errors,
			PayloadConverter payloads, ReplySender replies) {
		this.handlers = handlers;
		this.invoker = invoker;
		this.errors = errors;
		this.payloads = payloads;
		this.replies = replies;
	}

	/** Invokes the request handler and answers; with no handler, answers {@code NO_HANDLER} at once. */
	public void request(ConnectionHandle caller, IpcEnvelope request) {
		IpcHandlerEndpoint endpoint = this.handlers.find(keyOf(request));
		if (endpoint == null) {
			this.replies.error(caller, request, new IpcError(IpcErrorCode.NO_HANDLER, "no request handler for app '"
					+ request.appId() + "' channel '" + request.channelId() + "'"));
			return;
		}
		this.inFlight.incrementAndGet();
		this.invoker.invoke(endpoint, request, caller).whenComplete((result, failure) -> {
			try {
				answer(caller, request, endpoint, result, failure);
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		});
	}

	/** Handler invocations started and not yet finished. */
	public int inFlight() {
		return this.inFlight.get();
	}

	/** Invokes the notification or publish handler, if there is one; nothing is answered unless it fails. */
	public void oneWay(ConnectionHandle caller, IpcEnvelope message) {
		IpcHandlerEndpoint endpoint = this.handlers.find(keyOf(message));
		if (endpoint == null) {
			return;
		}
		this.inFlight.incrementAndGet();
		this.invoker.invoke(endpoint, message, caller).whenComplete((result, failure) -> {
			this.inFlight.decrementAndGet();
			if (failure != null) {
				this.replies.error(caller, message, failed(endpoint, failure));
			}
		});
	}

	private void answer(ConnectionHandle caller, IpcEnvelope request, IpcHandlerEndpoint endpoint,
			@Nullable Object result, @Nullable Throwable failure) {
		if (failure != null) {
			this.replies.error(caller, request, failed(endpoint, failure));
			return;
		}
		JsonNode payload;
		try {
			payload = this.payloads.toPayload(result);
		}
		catch (RuntimeException ex) {
			this.replies.error(caller, request, failed(endpoint, ex));
			return;
		}
		this.replies.send(caller, request.respond(payload));
	}

	private IpcError failed(IpcHandlerEndpoint endpoint, Throwable failure) {
		IpcError error = this.errors.toError(failure);
		if (error.code() == IpcErrorCode.HANDLER_ERROR) {
			logger.warn("@IpcHandler " + endpoint.describe() + " failed for " + endpoint.key(), failure);
		}
		return error;
	}

	private static HandlerKey keyOf(IpcEnvelope message) {
		return new HandlerKey(message.appId(), message.channelId(), message.messageType());
	}

}
