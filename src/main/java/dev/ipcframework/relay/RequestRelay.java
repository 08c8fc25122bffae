package dev.ipcframework.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.stats.StatisticsCollector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Relays requests to clients that serve them: forwards a request under a new id to one responder of the same
 * application and channel, and hands the responder's answer back to the requester as the response to the
 * requester's own message id.
 * <p>
 * Every forwarded request ends in exactly one answer to its requester: the responder's response, {@code TIMEOUT}
 * from a shared scheduler, or {@code RESPONDER_GONE} when the responder disconnects first. Responses nobody is
 * waiting for (late, unknown id, or from a connection that was not asked) are dropped and counted.
 * <p>
 * Thread-safe: requests arrive on requesters' ordered executors, responses on responders', timeouts on the
 * scheduler; replies go out through the non-blocking {@link ConnectionHandle#send}.
 */
public class RequestRelay {

	private static final Log logger = LogFactory.getLog(RequestRelay.class);

	private final ResponderRegistry responders;

	private final PendingRequests pending;

	private final ScheduledExecutorService scheduler;

	private final StatisticsCollector stats;

	private final Duration timeout;

	private final boolean preferRemote;

	/**
	 * @param scheduler runs the timeouts of all pending requests
	 * @param timeout the longest a relayed request waits for its answer
	 * @param maxPending the most relayed requests awaiting an answer at once
	 * @param preferRemote whether a serving client wins over a local {@code @IpcHandler} of the same channel
	 */
	public RequestRelay(ScheduledExecutorService scheduler, StatisticsCollector stats, Duration timeout,
			int maxPending, boolean preferRemote) {
		this(scheduler, stats, timeout, maxPending, preferRemote, ServingListener.NONE);
	}

	/** @param servingListener told when a channel gets its first serving client or loses its last one */
	public RequestRelay(ScheduledExecutorService scheduler, StatisticsCollector stats, Duration timeout,
			int maxPending, boolean preferRemote, ServingListener servingListener) {
		this.responders = new ResponderRegistry(servingListener);
		this.scheduler = scheduler;
		this.stats = stats;
		this.timeout = timeout;
		this.pending = new PendingRequests(maxPending);
		this.preferRemote = preferRemote;
	}

	/** The longest a relayed request waits for its answer, unless the requester asks for less. */
	public Duration timeout() {
		return this.timeout;
	}

	/** Whether a serving client wins over a local {@code @IpcHandler}. */
	public boolean prefersRemote() {
		return this.preferRemote;
	}

	/**
	 * Makes the connection a responder for a channel of its own application.
	 * @return the number of responders on that channel
	 */
	public int serve(ConnectionHandle connection, String channelId, @Nullable String group) {
		return this.responders.serve(connection, channelId, group);
	}

	/**
	 * Stops forwarding new requests to the connection; those already forwarded may still be answered.
	 * @return whether the connection served the channel
	 */
	public boolean unserve(ConnectionHandle connection, String channelId) {
		return this.responders.unserve(connection, channelId) != null;
	}

	/**
	 * Forwards a request to a responder of its application and channel.
	 * @param requestedTimeout a shorter time limit the requester asked for, or {@code null}
	 * @return {@code false} when nobody serves the channel; the caller answers the request itself
	 * @throws IpcException {@code RATE_LIMITED} when too many relayed requests await an answer
	 */
	public boolean forward(ConnectionHandle requester, IpcEnvelope request, @Nullable Duration requestedTimeout) {
		Responder responder = this.responders.select(request.appId(), request.channelId());
		if (responder == null) {
			return false;
		}
		IpcEnvelope forwarded = new IpcEnvelope(IpcEnvelope.newMessageId(), request.appId(), request.channelId(),
				MessageType.REQUEST, request.payload(), IpcEnvelope.now(), null);
		PendingRequest entry = new PendingRequest(forwarded.messageId(), requester, request, responder);
		if (!this.pending.add(entry)) {
			throw new IpcException(IpcErrorCode.RATE_LIMITED,
					"too many relayed requests awaiting an answer; try again later");
		}
		responder.asked();
		// added before the timer starts, so the timer always finds the entry it is meant for
		schedule(entry, effectiveTimeout(requestedTimeout));
		if (!send(responder.connection(), forwarded) || responder.isGone()) {
			// the responder closed while it was being chosen: its close may have swept the table before we added
			settle(this.pending.take(entry.forwardedId()),
					new IpcError(IpcErrorCode.RESPONDER_GONE, gone(request)));
		}
		return true;
	}

	/** A client sent a response: delivered to the requester if this connection owes it, else dropped. */
	public void response(ConnectionHandle from, IpcEnvelope response) {
		String replyTo = response.replyTo();
		PendingRequest entry = (replyTo != null) ? this.pending.peek(replyTo) : null;
		if (entry == null || entry.responder().connection() != from) {
			// late, unknown, or not this connection's to answer: never delivered
			this.stats.dropped();
			if (logger.isDebugEnabled()) {
				logger.debug("Dropped response from " + from + " replying to " + replyTo
						+ ((entry == null) ? ": no such request pending" : ": not asked of this connection"));
			}
			return;
		}
		entry = this.pending.take(replyTo);
		if (entry == null) {
			// the timeout or a disconnect settled it in the meantime
			this.stats.dropped();
			return;
		}
		finish(entry);
		IpcEnvelope request = entry.request();
		send(entry.requester(), new IpcEnvelope(IpcEnvelope.newMessageId(), request.appId(), request.channelId(),
				MessageType.RESPONSE, response.payload(), IpcEnvelope.now(), request.messageId()));
	}

	/**
	 * Forgets a closed connection: it serves nothing any more, requests it owed answers to get
	 * {@code RESPONDER_GONE}, and answers to its own requests will be dropped.
	 * @return the channels it served
	 */
	public List<String> connectionClosed(ConnectionHandle connection) {
		List<Responder> withdrawn = this.responders.removeAll(connection);
		withdrawn.forEach(Responder::withdraw);
		for (PendingRequest entry : this.pending.takeAll((p) -> p.responder().connection() == connection)) {
			settle(entry, new IpcError(IpcErrorCode.RESPONDER_GONE, gone(entry.request())));
		}
		for (PendingRequest entry : this.pending.takeAll((p) -> p.requester() == connection)) {
			finish(entry);
		}
		return withdrawn.stream().map(Responder::channelId).toList();
	}

	/** Relayed requests awaiting an answer now. */
	public int pendingCount() {
		return this.pending.size();
	}

	/** Channels that some connection serves now, over all applications. */
	public int servedChannelCount() {
		return this.responders.channelCount();
	}

	/** Connections serving the channel now. */
	public int responderCount(String appId, String channelId) {
		return this.responders.count(appId, channelId);
	}

	private Duration effectiveTimeout(@Nullable Duration requested) {
		return (requested != null && requested.compareTo(this.timeout) < 0) ? requested : this.timeout;
	}

	private void schedule(PendingRequest entry, Duration after) {
		try {
			entry.timeout(this.scheduler.schedule(() -> expire(entry.forwardedId(), after), after.toNanos(),
					TimeUnit.NANOSECONDS));
		}
		catch (RejectedExecutionException ex) {
			// shutting down: nothing will time this request out, so answer it now
			settle(this.pending.take(entry.forwardedId()),
					new IpcError(IpcErrorCode.TIMEOUT, "the server is shutting down"));
		}
	}

	private void expire(String forwardedId, Duration after) {
		PendingRequest entry = this.pending.take(forwardedId);
		if (entry != null) {
			settle(entry, new IpcError(IpcErrorCode.TIMEOUT, "no answer from the responder on channel '"
					+ entry.request().channelId() + "' within " + after.toMillis() + " ms"));
		}
	}

	/** Answers the requester with an error, if the entry was still pending. */
	private void settle(@Nullable PendingRequest entry, IpcError error) {
		if (entry == null) {
			return;
		}
		finish(entry);
		// counted first, so that a client that has the error can read it in the figures
		this.stats.error(error.code());
		send(entry.requester(), entry.request().respondWithError(error));
		if (logger.isDebugEnabled()) {
			logger.debug(error.code() + " to " + entry.requester() + ": " + error.message());
		}
	}

	private static void finish(PendingRequest entry) {
		entry.cancelTimeout();
		entry.responder().settled();
	}

	private boolean send(ConnectionHandle connection, IpcEnvelope envelope) {
		if (connection.send(envelope)) {
			this.stats.sent(connection, envelope);
			return true;
		}
		this.stats.dropped();
		return false;
	}

	private static String gone(IpcEnvelope request) {
		return "the client serving channel '" + request.channelId() + "' disconnected before answering";
	}

}
