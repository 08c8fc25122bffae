package dev.ipcframework.routing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ThrottledLog;
import dev.ipcframework.handler.HandlerKey;
import dev.ipcframework.handler.IpcHandlerEndpoint;
import dev.ipcframework.handler.IpcHandlerErrorMapper;
import dev.ipcframework.handler.IpcHandlerInvoker;
import dev.ipcframework.handler.IpcHandlerRegistry;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.PayloadConverter;
import dev.ipcframework.relay.RequestRelay;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Hands requests, notifications and publishes to their {@code @IpcHandler} and sends what comes back. A request
 * that no {@code @IpcHandler} answers (or every request, when remote responders are preferred) goes to a client
 * serving its channel through the {@link RequestRelay}; one that nothing here answers, to another server through
 * {@link RemoteResponders}.
 */
public class HandlerDispatcher {

	private static final Log logger = LogFactory.getLog(HandlerDispatcher.class);

	private final ThrottledLog handlerFailures = new ThrottledLog(logger);

	private final IpcHandlerRegistry handlers;

	private final IpcHandlerInvoker invoker;

	private final IpcHandlerErrorMapper errors;

	private final PayloadConverter payloads;

	private final ReplySender replies;

	private final RequestRelay relay;

	private final RemoteResponders remote;

	private final AtomicInteger inFlight = new AtomicInteger();

	public HandlerDispatcher(IpcHandlerRegistry handlers, IpcHandlerInvoker invoker, IpcHandlerErrorMapper errors,
			PayloadConverter payloads, ReplySender replies, RequestRelay relay) {
		this(handlers, invoker, errors, payloads, replies, relay, RemoteResponders.NONE);
	}

	/** @param remote answers, through another server, requests that nothing here answers */
	public HandlerDispatcher(IpcHandlerRegistry handlers, IpcHandlerInvoker invoker, IpcHandlerErrorMapper errors,
			PayloadConverter payloads, ReplySender replies, RequestRelay relay, RemoteResponders remote) {
		this.remote = remote;
		this.handlers = handlers;
		this.invoker = invoker;
		this.errors = errors;
		this.payloads = payloads;
		this.replies = replies;
		this.relay = relay;
	}

	/** Invokes the request handler and answers; with no handler, answers {@code NO_HANDLER} at once. */
	public void request(ConnectionHandle caller, IpcEnvelope request) {
		request(caller, request, null);
	}

	/**
	 * Answers a request through its handler or a serving client; with neither, answers {@code NO_HANDLER} at once.
	 * @param requestedTimeout the time limit the requester asked for, or {@code null}; bounds relayed requests
	 */
	public void request(ConnectionHandle caller, IpcEnvelope request, @Nullable Duration requestedTimeout) {
		IpcHandlerEndpoint endpoint = this.handlers.find(keyOf(request));
		if ((endpoint == null || this.relay.prefersRemote()) && this.relay.forward(caller, request, requestedTimeout)) {
			return;
		}
		if (endpoint == null && this.remote.forward(caller, request, requestedTimeout)) {
			return;
		}
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

	/** Requests and notifications being handled here or by a serving client, not yet finished. */
	public int inFlight() {
		return this.inFlight.get() + this.relay.pendingCount();
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

	/** A client answered a request; the relay delivers it if that client was asked, else drops it. */
	public void response(ConnectionHandle responder, IpcEnvelope response) {
		this.relay.response(responder, response);
	}

	/**
	 * A connection closed: what it served and the requests it owed answers to go with it.
	 * @return the channels it served
	 */
	public List<String> connectionClosed(ConnectionHandle connection) {
		return this.relay.connectionClosed(connection);
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
			// a client can call a failing handler as often as it likes: one stack trace per handler per interval
			this.handlerFailures.warn(endpoint.describe(),
					() -> "@IpcHandler " + endpoint.describe() + " failed for " + endpoint.key(), failure);
		}
		return error;
	}

	private static HandlerKey keyOf(IpcEnvelope message) {
		return new HandlerKey(message.appId(), message.channelId(), message.messageType());
	}

}
