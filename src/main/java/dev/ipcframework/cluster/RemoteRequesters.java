package dev.ipcframework.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.cluster.ClusterMessage.Kind;
import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionHandleFactory;
import dev.ipcframework.connection.FrameWriter;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.DecodedFrame;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.routing.HandlerDispatcher;

/**
 * Answers requests other nodes forward here. Each requester on another node has a stand-in here: a connection
 * handle, under the requester's id and app, whose frames go back to the requester's node. Requests are handled as
 * if that client were connected here (in order, by the {@code @IpcHandler} or relayed to a serving client, with the
 * relay's timeouts and {@code RESPONDER_GONE}), and every answer, error or not, travels back the same way.
 */
public class RemoteRequesters {

	/** The session ids of stand-ins start with this; no transport's session ids do. */
	private static final String STAND_IN = "cluster-requester:";

	private final ConnectionHandleFactory handles;

	private final HandlerDispatcher dispatcher;

	private final EnvelopeCodec codec;

	private final RedisLink link;

	private final ClusterStatistics stats;

	private final String nodeId;

	private final Map<String, StandIn> standIns = new ConcurrentHashMap<>();

	private record StandIn(ConnectionHandle handle, String node, long[] lastUsedNanos) {
	}

	public RemoteRequesters(ConnectionHandleFactory handles, HandlerDispatcher dispatcher, EnvelopeCodec codec,
			RedisLink link, ClusterStatistics stats, String nodeId) {
		this.handles = handles;
		this.dispatcher = dispatcher;
		this.codec = codec;
		this.link = link;
		this.stats = stats;
		this.nodeId = nodeId;
	}

	/** Whether the connection stands in for a requester on another node. */
	static boolean isStandIn(ConnectionHandle connection) {
		return connection.sessionId().startsWith(STAND_IN);
	}

	/** A request from another node: handled on its requester's stand-in, in the order the requester sent it. */
	void request(ClusterMessage message) {
		String sessionId = STAND_IN + message.origin() + "/" + message.address();
		StandIn standIn = this.standIns.computeIfAbsent(sessionId, (id) -> {
			// reported as TCP: counted with the clients' traffic, which is what it is
			ConnectionHandle handle = this.handles.create(id, Transport.TCP, "node " + message.origin(),
					new ReturnToNode(message.origin()));
			handle.register(message.address(), message.appId());
			return new StandIn(handle, message.origin(), new long[1]);
		});
		standIn.lastUsedNanos()[0] = System.nanoTime();
		ConnectionHandle handle = standIn.handle();
		handle.inbound().execute(() -> {
			DecodedFrame decoded = this.codec.decodeFrame(message.frame());
			this.dispatcher.request(handle, decoded.envelope(), decoded.requestTimeout());
		});
	}

	/** Forgets stand-ins unused for this long; an answer still owed reaches its node all the same. */
	void forgetIdle(long idleNanos) {
		long now = System.nanoTime();
		this.standIns.values().removeIf((standIn) -> now - standIn.lastUsedNanos()[0] > idleNanos);
	}

	/** A node died or left: its requesters' stand-ins go. */
	void nodeGone(String node) {
		this.standIns.values().removeIf((standIn) -> standIn.node().equals(node));
	}

	/** Stand-ins now. */
	int count() {
		return this.standIns.size();
	}

	/** Writes a stand-in's frames (the answers) to the requester's node. */
	private final class ReturnToNode implements FrameWriter {

		private final String node;

		ReturnToNode(String node) {
			this.node = node;
		}

		@Override
		public void write(List<byte[]> frames) {
			for (byte[] frame : frames) {
				ClusterMessage answer = new ClusterMessage(Kind.RESPONSE, RemoteRequesters.this.nodeId, "", "", frame);
				if (!RemoteRequesters.this.link.publish(ClusterKeys.inbox(this.node), answer.toBytes())) {
					RemoteRequesters.this.stats.unforwarded();
				}
			}
		}

		@Override
		public void close() {
		}

	}

}
