package dev.ipcframework.connection;

import java.time.Instant;
import java.util.concurrent.Executor;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The server's handle on one connection: identity, the ordered inbound executor and the bounded outbound queue.
 * Transports create one per physical connection; nothing past the transport knows which transport it is.
 */
public final class ConnectionHandle implements IpcConnection {

	private static final Log logger = LogFactory.getLog(ConnectionHandle.class);

	private final String sessionId;

	private final Transport transport;

	private final String remoteAddress;

	private final Instant connectedAt = Instant.now();

	private final SerialExecutor inbound;

	private final OutboundQueue outbound;

	private final EnvelopeCodec codec;

	private final ConnectionObserver observer;

	private final ConnectionTraffic traffic = new ConnectionTraffic();

	private volatile @Nullable String id;

	private volatile @Nullable String appId;

	private volatile boolean closing;

	private final OutboundLimits limits;


	private volatile long lastReceivedNanos = System.nanoTime();

	ConnectionHandle(String sessionId, Transport transport, String remoteAddress, FrameWriter writer,
			EnvelopeCodec codec, Executor handlerPool, Executor senderPool, OutboundLimits limits,
			ConnectionObserver observer) {
		this.sessionId = sessionId;
		this.transport = transport;
		this.remoteAddress = remoteAddress;
		this.codec = codec;
		this.limits = limits;
		this.observer = observer;
		this.inbound = new SerialExecutor(handlerPool);
		this.outbound = new OutboundQueue(senderPool, writer, limits.sendBufferBytes(),
				(count) -> observer.messagesDropped(this, count));
	}

	/** The transport's own id for this connection, unique among live connections. */
	public String sessionId() {
		return this.sessionId;
	}

	@Override
	public @Nullable String id() {
		return this.id;
	}

	@Override
	public @Nullable String appId() {
		return this.appId;
	}

	@Override
	public Transport transport() {
		return this.transport;
	}

	@Override
	public String remoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public Instant connectedAt() {
		return this.connectedAt;
	}

	@Override
	public boolean isOpen() {
		return !this.closing && !this.outbound.isClosed();
	}

	/** Whether the handshake has completed. */
	public boolean isRegistered() {
		return this.id != null;
	}

	/** Records the identity the handshake gave this connection. */
	public void register(String connectionId, String application) {
		this.appId = application;
		this.id = connectionId;
		this.outbound.policy(this.limits.policyFor(application));
	}

	/** Records that the peer sent something: any traffic counts as liveness. */
	public void markReceived() {
		this.lastReceivedNanos = System.nanoTime();
	}

	/** Nanoseconds ({@link System#nanoTime()}) of the peer's last frame. */
	public long lastReceivedNanos() {
		return this.lastReceivedNanos;
	}

	/** Frames received and not yet handled. */
	public int inboundPending() {
		return this.inbound.pending();
	}

	/** The executor that runs this connection's inbound messages one at a time, in arrival order. */
	public Executor inbound() {
		return this.inbound;
	}

	@Override
	public boolean send(IpcEnvelope envelope) {
		return sendFrame(this.codec.encode(envelope));
	}

	/**
	 * Queues an already encoded frame, so that a publish is encoded once for all its subscribers. When the send
	 * buffer is full the overflow policy applies: the oldest frames make room, or the connection is closed as a
	 * slow consumer, since holding more would cost unbounded memory.
	 */
	public boolean sendFrame(byte[] frame) {
		OutboundQueue.Offer offer = this.outbound.offer(frame, false);
		if (offer == OutboundQueue.Offer.QUEUED) {
			this.observer.frameQueued(this, frame.length);
			int dropped = this.outbound.takeDroppedCount();
			if (dropped > 0) {
				this.observer.messagesDropped(this, dropped);
			}
			return true;
		}
		if (offer == OutboundQueue.Offer.FULL) {
			disconnectSlowConsumer();
		}
		return false;
	}

	private void disconnectSlowConsumer() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		logger.warn("Closing slow consumer " + this + ": more than " + this.limits.sendBufferBytes()
				+ " bytes waiting to be sent");
		this.observer.slowConsumerClosed(this);
		String app = this.appId;
		this.outbound.offer(this.codec.encode(IpcEnvelope.systemError((app != null) ? app : "", new IpcError(
				IpcErrorCode.SLOW_CONSUMER, "the connection read too slowly and its send buffer overflowed"))), true);
		this.outbound.closeAfterFlush();
	}

	/** Messages and bytes this connection has received and been sent. */
	public ConnectionTraffic traffic() {
		return this.traffic;
	}

	/** Bytes waiting in the send buffer. */
	public long queuedBytes() {
		return this.outbound.queuedBytes();
	}

	/** Sends a last message, then closes: for errors that end the connection. */
	public void sendAndClose(IpcEnvelope envelope) {
		this.closing = true;
		byte[] frame = this.codec.encode(envelope);
		if (this.outbound.offer(frame, true) == OutboundQueue.Offer.QUEUED) {
			this.observer.frameQueued(this, frame.length);
		}
		this.outbound.closeAfterFlush();
	}

	/** Closes at once, discarding whatever is still queued (for a peer that stopped reading). */
	public void abort() {
		this.closing = true;
		this.outbound.closeNow();
	}

	@Override
	public void close() {
		this.closing = true;
		this.outbound.closeAfterFlush();
	}

	@Override
	public String toString() {
		return this.transport + " connection " + ((this.id != null) ? "'" + this.id + "' of app '" + this.appId + "'"
				: this.sessionId) + " from " + this.remoteAddress;
	}

}
