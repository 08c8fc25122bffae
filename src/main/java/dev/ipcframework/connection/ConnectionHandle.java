package dev.ipcframework.connection;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import javax.security.auth.x500.X500Principal;

import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.security.IpcPrincipal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The server's handle on one connection: identity and credentials, the ordered inbound executor and the bounded
 * outbound queue.
 * Transports create one per physical connection; nothing past the transport knows which transport it is.
 */
public final class ConnectionHandle implements IpcConnection {

	private static final Log logger = LogFactory.getLog(ConnectionHandle.class);

	/** Each slow consumer is the client's doing, and it can reconnect to be one again. */
	private static final ThrottledLog slowConsumers = new ThrottledLog(logger);


	private final String sessionId;

	private final Transport transport;

	private final String remoteAddress;

	private final ConnectionCredentials credentials;

	private final Instant connectedAt = Instant.now();

	private final SerialExecutor inbound;

	private final OutboundQueue outbound;

	private final EnvelopeCodec codec;

	private final ConnectionObserver observer;

	private final ConnectionTraffic traffic = new ConnectionTraffic();

	private volatile @Nullable String id;

	private volatile @Nullable String appId;

	private volatile boolean closing;

	private volatile boolean receivesPositions;

	private final OutboundLimits limits;


	private volatile long lastReceivedNanos = System.nanoTime();

	private final ReadThrottle readThrottle;

	ConnectionHandle(String sessionId, Transport transport, String remoteAddress,
			@Nullable X500Principal clientCertificateSubject, FrameWriter writer, EnvelopeCodec codec,
			Executor handlerPool, Executor senderPool, OutboundLimits limits, ConnectionObserver observer) {
		this.sessionId = sessionId;
		this.transport = transport;
		this.remoteAddress = remoteAddress;
		this.credentials = new ConnectionCredentials(clientCertificateSubject);
		this.codec = codec;
		this.limits = limits;
		this.observer = observer;
		this.inbound = new SerialExecutor(handlerPool);
		this.readThrottle = new ReadThrottle(this.inbound);
		this.outbound = new OutboundQueue(senderPool, writer, limits.sendBufferBytes(), limits.stallTimeout(),
				new OutboundQueue.Listener() {

					@Override
					public void framesTaken(int frames, long bytes) {
						observer.framesSent(ConnectionHandle.this, frames, bytes);
					}

					@Override
					public void framesDiscarded(int frames) {
						observer.messagesDropped(ConnectionHandle.this, frames);
					}

				});
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

	/** The peer's address without its port: what limits per address count by. */
	public String remoteHost() {
		int colon = this.remoteAddress.lastIndexOf(':');
		return (colon > 0) ? this.remoteAddress.substring(0, colon) : this.remoteAddress;
	}

	@Override
	public Instant connectedAt() {
		return this.connectedAt;
	}

	@Override
	public @Nullable X500Principal clientCertificateSubject() {
		return this.credentials.clientCertificateSubject();
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

	@Override
	public @Nullable IpcPrincipal principal() {
		return this.credentials.principal();
	}

	/** Records who the connection acts for: at the handshake, and again when the client refreshes its token. */
	public void principal(@Nullable IpcPrincipal authenticated) {
		this.credentials.principal(authenticated);
	}

	/**
	 * Whether the client asked, with {@code "capabilities": ["offsets"]} in its connect request, for the keys
	 * beyond the seven envelope fields (a publish's {@code offset} and {@code epoch}, subscribe acknowledgements).
	 * Clients of the original server build a message from exactly the seven keys and fail on any other, so only
	 * such a connection is ever sent them.
	 */
	public boolean receivesPositions() {
		return this.receivesPositions;
	}

	/** Records the capability, at the handshake, before the connection can subscribe to anything. */
	public void receivesPositions(boolean receives) {
		this.receivesPositions = receives;
	}

	/** A token the transport received before the handshake (a WebSocket upgrade's), or {@code null}. */
	public @Nullable String transportToken() {
		return this.credentials.transportToken();
	}

	public void transportToken(@Nullable String token) {
		this.credentials.transportToken(token);
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
	public SerialExecutor inbound() {
		return this.inbound;
	}

	/**
	 * Runs the handling of one of this connection's frames: what it sends to congested connections holds this one
	 * back (see {@link #awaitCapacity()}).
	 */
	public void handleAsSource(Runnable handling) {
		this.readThrottle.runAsSource(handling);
	}

	/**
	 * Blocks the transport thread that reads this connection while the connection is ahead of the server: while
	 * more than a window of its frames wait to be handled, and while the messages it caused fill the send buffer
	 * of a connection past its high watermark, until that buffer drains below its low watermark. A connection that
	 * takes no bytes at all for the stall timeout stops holding others back; its own limits deal with it. So a
	 * fast publisher slows to the pace of its subscribers instead of getting them cut off, the way TCP intends:
	 * its socket fills while it is not read. Returns early when the connection closes or the thread is interrupted.
	 */
	public void awaitCapacity() {
		if (this.readThrottle.mustWait()) {
			// nothing this thread holds back may wait for the wait to end
			endWriteBurst();
			this.readThrottle.await(this::isOpen);
		}
	}

	/**
	 * Whether the connection is ahead of the server (see {@link #awaitCapacity()}): for a transport that stops
	 * reading it without holding a thread, until {@link #capacityRegained()}.
	 */
	public boolean mustAwaitCapacity() {
		return this.readThrottle.mustWait();
	}

	/** Whether a connection that {@link #mustAwaitCapacity()} may be read again, or has closed; does not wait. */
	public boolean capacityRegained() {
		return !isOpen() || this.readThrottle.mayReadOn();
	}

	/**
	 * Starts a burst on the calling thread: what it sends to any connection is queued but not written until the
	 * burst ends, so that each connection it sends to is woken once per burst rather than once per frame.
	 */
	public void startWriteBurst() {
		WriteBurst.begin();
	}

	/**
	 * Ends the calling thread's burst, for the thread that reads this connection: what waits for this connection
	 * is written here, in one go; the other connections' writers are woken.
	 */
	public void endWriteBurst() {
		WriteBurst.end(this.outbound);
	}

	/**
	 * Ends the calling thread's burst, if it is in one, every connection written by its writer: for a thread of a
	 * shared pool, and for a reading thread whose connection ended before the frame the burst was waiting for.
	 */
	public static void endAnyWriteBurst() {
		WriteBurst.end(null);
	}

	/**
	 * Runs {@code action} when the calling thread's write burst ends, before what it queued is written: for work
	 * done once per burst rather than once per frame.
	 * @return whether it will: {@code false}, and not run, when the thread is in no burst
	 */
	public static boolean runAtWriteBurstEnd(Runnable action) {
		return WriteBurst.runAtEnd(action);
	}

	/** Nanoseconds the write in progress to this connection has been blocked; 0 when none is in progress. */
	public long writeBlockedNanos(long now) {
		return this.outbound.writeBlockedNanos(now);
	}

	@Override
	public boolean send(IpcEnvelope envelope) {
		return sendFrame(this.codec.encode(envelope));
	}

	/**
	 * Queues an already encoded frame, so that a publish is encoded once for all its subscribers. When the send
	 * buffer is full the overflow policy applies: the oldest frames make room, or the connection is closed as a
	 * slow consumer, since holding more would cost unbounded memory. A frame that a connection's traffic caused
	 * while this one still drains may fill up to twice the buffer: that connection is held back from then on (see
	 * {@link #awaitCapacity()}), but what it had sent before is still on its way through the server.
	 */
	public boolean sendFrame(byte[] frame) {
		OutboundQueue.Offer offer = this.outbound.offer(frame, false);
		if (offer == OutboundQueue.Offer.QUEUED) {
			if (this.outbound.isCongested()) {
				ReadThrottle.congestedBySource(this.outbound);
			}
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

	/**
	 * Closes this connection as a slow consumer because a write to it has been blocked for {@code blockedNanos}:
	 * at once, since nothing queued behind that write would go out either.
	 */
	public void closeStalledWriter(long blockedNanos) {
		if (this.outbound.isClosed()) {
			return;
		}
		if (!this.closing) {
			this.closing = true;
			slowConsumers.warn("blocked-write", () -> "Closing slow consumer " + this + ": a write has been blocked for "
					+ TimeUnit.NANOSECONDS.toMillis(blockedNanos) + " ms");
			this.observer.slowConsumerClosed(this);
		}
		this.outbound.closeNow();
	}

	private void disconnectSlowConsumer() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		slowConsumers.warn("send-buffer-full", () -> "Closing slow consumer " + this + ": more than "
				+ this.limits.sendBufferBytes() + " bytes waiting to be sent");
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

	/**
	 * Frames that arrive from now on are dropped, while what is queued, and a last message sent later with
	 * {@link #sendAndClose}, still go out: for a connection refused after a delay.
	 */
	public void stopHandling() {
		this.closing = true;
	}

	/** Sends a last message, then closes: for errors that end the connection. */
	public void sendAndClose(IpcEnvelope envelope) {
		this.closing = true;
		byte[] frame = this.codec.encode(envelope);
		this.outbound.offer(frame, true);
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
		// the id and the app are the client's choice: escaped, since connections are named in log lines
		return this.transport + " connection " + ((this.id != null)
				? "'" + ClientText.forLog(this.id) + "' of app '" + ClientText.forLog(this.appId) + "'"
				: this.sessionId) + " from " + this.remoteAddress;
	}

}
