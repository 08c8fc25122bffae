package dev.ipcframework.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.cluster.ClusterMessage.Kind;
import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.routing.RemoteResponders;
import dev.ipcframework.routing.ReplySender;
import dev.ipcframework.stats.StatisticsCollector;
import org.jspecify.annotations.Nullable;

/**
 * Forwards requests that nothing on this node answers to a node that can (one listed by {@link ServedChannels} and
 * alive), under a new id, and hands its answer back to the requester as the response to the requester's own id.
 * <p>
 * Every forwarded request ends in exactly one answer: the other node's (its handler's or serving client's answer,
 * or its relay's {@code TIMEOUT} or {@code RESPONDER_GONE}), {@code TIMEOUT} from this node's own timer when
 * nothing comes back in time, or {@code RESPONDER_GONE} when the other node dies first.
 */
public class RemoteRequests implements RemoteResponders {

	private record Pending(ConnectionHandle requester, IpcEnvelope request, String node,
			ScheduledFuture<?>[] timeout) {
	}

	private final ServedChannels served;

	private final ClusterMembership membership;

	private final RedisLink link;

	private final EnvelopeCodec codec;

	private final ReplySender replies;

	private final StatisticsCollector stats;

	private final ScheduledExecutorService scheduler;

	private final Duration timeout;

	private final int maxPending;

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	private final AtomicInteger nextNode = new AtomicInteger();

	/**
	 * @param timeout the longest a request waits for its answer, unless the requester asked for less
	 * @param maxPending the most forwarded requests awaiting an answer at once
	 */
	public RemoteRequests(ServedChannels served, ClusterMembership membership, RedisLink link, EnvelopeCodec codec,
			ReplySender replies, StatisticsCollector stats, ScheduledExecutorService scheduler, Duration timeout,
			int maxPending) {
		this.served = served;
		this.membership = membership;
		this.link = link;
		this.codec = codec;
		this.replies = replies;
		this.stats = stats;
		this.scheduler = scheduler;
		this.timeout = timeout;
		this.maxPending = maxPending;
	}

	@Override
	public boolean forward(ConnectionHandle requester, IpcEnvelope request, @Nullable Duration requestedTimeout) {
		if (RemoteRequesters.isStandIn(requester) || !this.membership.isUp()
				|| this.pending.size() >= this.maxPending) {
			// a request another node forwarded here is answered here or not at all: never passed on again
			return false;
		}
		String node = chooseNode(request);
		if (node == null) {
			return false;
		}
		Duration limit = (requestedTimeout != null && requestedTimeout.compareTo(this.timeout) < 0)
				? requestedTimeout : this.timeout;
		IpcEnvelope forwarded = new IpcEnvelope(IpcEnvelope.newMessageId(), request.appId(), request.channelId(),
				MessageType.REQUEST, request.payload(), IpcEnvelope.now(), null);
		Pending entry = new Pending(requester, request, node, new ScheduledFuture<?>[1]);
		this.pending.put(forwarded.messageId(), entry);
		try {
			entry.timeout()[0] = this.scheduler.schedule(() -> settle(forwarded.messageId(),
					new IpcError(IpcErrorCode.TIMEOUT, "no answer from node '" + node + "' for channel '"
							+ request.channelId() + "' within " + limit.toMillis() + " ms")),
					limit.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.pending.remove(forwarded.messageId());
			return false;
		}
		byte[] frame = this.codec.encode(forwarded, limit);
		String requesterId = (requester.id() != null) ? requester.id() : requester.sessionId();
		if (!this.link.publish(ClusterKeys.inbox(node),
				new ClusterMessage(Kind.REQUEST, this.membership.nodeId(), request.appId(), requesterId, frame)
					.toBytes())) {
			settle(forwarded.messageId(), new IpcError(IpcErrorCode.RESPONDER_GONE,
					"lost the cluster before the request reached node '" + node + "'"));
		}
		return true;
	}

	/** Another node answered a request this node forwarded. */
	void response(ClusterMessage message) {
		IpcEnvelope response = this.codec.decode(message.frame());
		Pending entry = (response.replyTo() != null) ? this.pending.remove(response.replyTo()) : null;
		if (entry == null) {
			// late: the timeout or the node's death settled it
			this.stats.dropped();
			return;
		}
		cancelTimeout(entry);
		IpcEnvelope request = entry.request();
		this.replies.send(entry.requester(), new IpcEnvelope(IpcEnvelope.newMessageId(), request.appId(),
				request.channelId(), MessageType.RESPONSE, response.payload(), IpcEnvelope.now(), request.messageId()));
	}

	/** A node died or left: what it owed answers to gets {@code RESPONDER_GONE}. */
	void nodeGone(String node) {
		for (Map.Entry<String, Pending> entry : this.pending.entrySet()) {
			if (entry.getValue().node().equals(node)) {
				settle(entry.getKey(), new IpcError(IpcErrorCode.RESPONDER_GONE, "node '" + node
						+ "' left the cluster before answering on channel '" + entry.getValue().request().channelId()
						+ "'"));
			}
		}
	}

	/** Forwarded requests awaiting an answer now. */
	public int pendingCount() {
		return this.pending.size();
	}

	private @Nullable String chooseNode(IpcEnvelope request) {
		try {
			return chooseAmong(request, this.served.nodesServing(request.appId(), request.channelId()));
		}
		catch (ClusterUnavailableException ex) {
			return null;
		}
	}

	private @Nullable String chooseAmong(IpcEnvelope request, List<String> listed) {
		List<String> candidates = new ArrayList<>();
		for (String node : listed) {
			if (node.equals(this.membership.nodeId())) {
				continue;
			}
			if (this.membership.isAlive(node) || this.membership.isAliveNow(node)) {
				// the second asks Redis: a node may have joined since this node's last heartbeat
				candidates.add(node);
			}
			else {
				this.served.forget(request.appId(), request.channelId(), node);
			}
		}
		candidates.sort(null);
		if (candidates.isEmpty()) {
			return null;
		}
		return candidates.get(Math.floorMod(this.nextNode.getAndIncrement(), candidates.size()));
	}

	private void settle(String forwardedId, IpcError error) {
		Pending entry = this.pending.remove(forwardedId);
		if (entry == null) {
			return;
		}
		cancelTimeout(entry);
		this.stats.error(error.code());
		this.replies.send(entry.requester(), entry.request().respondWithError(error));
	}

	private static void cancelTimeout(Pending entry) {
		ScheduledFuture<?> timer = entry.timeout()[0];
		if (timer != null) {
			timer.cancel(false);
		}
	}

}
