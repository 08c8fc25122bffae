package dev.ipcframework.relay;

import java.util.concurrent.ScheduledFuture;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.IpcEnvelope;
import org.jspecify.annotations.Nullable;

/**
 * A request forwarded to a responder and not answered yet.
 */
final class PendingRequest {

	private final String forwardedId;

	private final ConnectionHandle requester;

	private final IpcEnvelope request;

	private final Responder responder;

	private volatile @Nullable ScheduledFuture<?> timeout;

	PendingRequest(String forwardedId, ConnectionHandle requester, IpcEnvelope request, Responder responder) {
		this.forwardedId = forwardedId;
		this.requester = requester;
		this.request = request;
		this.responder = responder;
	}

	/** The id the responder saw, and answers with in {@code reply_to}. */
	String forwardedId() {
		return this.forwardedId;
	}

	ConnectionHandle requester() {
		return this.requester;
	}

	/** The request as the requester sent it; its answer replies to this id. */
	IpcEnvelope request() {
		return this.request;
	}

	Responder responder() {
		return this.responder;
	}

	void timeout(ScheduledFuture<?> future) {
		this.timeout = future;
	}

	void cancelTimeout() {
		ScheduledFuture<?> future = this.timeout;
		if (future != null) {
			future.cancel(false);
		}
	}

}
