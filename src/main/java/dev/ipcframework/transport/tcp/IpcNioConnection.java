package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ipcframework.connection.ConnectionHandle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

/**
 * A {@link TcpNioConnection} that holds no thread and no buffer while it is idle.
 * <ul>
 * <li>When the selector finds it readable, {@link #readPacket()} reads it on a pool thread into a buffer borrowed
 * for that read, cuts whole frames out of the bytes ({@link FrameAssembler}) and hands each to the listener on that
 * same thread, in stream order. Spring Integration's own connection copies every read into a queue that a second
 * thread parses a byte at a time, and keeps a 60 KiB buffer per connection.</li>
 * <li>While the listener holds a frame back (the router pushing back on a publisher), the read does not return,
 * the selector does not watch the socket, and the peer's socket fills.</li>
 * <li>A frame that a read ended in the middle of must be complete within the frame timeout of its first byte,
 * or the connection is closed.</li>
 * <li>Writes go to the socket as the serializer hands them over, one array per batch of frames, and wait for a
 * peer that reads slowly in Spring Integration's channel stream (its own selector, made at the first write that
 * does not complete at once, closed with the connection).</li>
 * </ul>
 */
class IpcNioConnection extends TcpNioConnection implements ReadAhead {

	private static final Log logger = LogFactory.getLog(IpcNioConnection.class);

	/** Reads per wake-up at most, before the connection goes back to the selector and leaves the thread. */
	private static final int MAX_READS_PER_WAKEUP = 16;

	private final SocketChannel channel;

	private final FrameAssembler assembler;

	private final Duration frameTimeout;

	private final @Nullable ScheduledExecutorService scheduler;

	private final UnbufferedSend sender = new UnbufferedSend(this, this::getChannelOutputStream, this::sendFailed);

	/** What the current read left to cut frames from: only set, and only read, on the reading thread. */
	private @Nullable ByteBuffer unread;

	/** The frame being handed to the listener, for {@link #getPayload()}. */
	private byte @Nullable [] frame;

	/** When the frame held in part was started ({@link System#nanoTime()}), or 0 when none is. */
	private volatile long partialSince;

	private final AtomicBoolean deadlineArmed = new AtomicBoolean();

	IpcNioConnection(SocketChannel channel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
			LengthHeaderFrameCodec framing) {
		super(channel, server, lookupHost, applicationEventPublisher, connectionFactoryName);
		this.channel = channel;
		this.assembler = new FrameAssembler(framing.getMaxMessageSize());
		this.frameTimeout = framing.frameTimeout();
		this.scheduler = framing.scheduler();
	}

	/**
	 * Invoked by the factory, on a pool thread, when the socket is readable: reads what there is, and what arrives
	 * meanwhile, up to a bound, handing each whole frame to the listener.
	 */
	@Override
	public void readPacket() {
		ByteBuffer buffer = ReadBuffers.take();
		try {
			for (int reads = 0; reads < MAX_READS_PER_WAKEUP && isOpen(); reads++) {
				buffer.clear();
				int count = this.channel.read(buffer);
				if (count < 0) {
					endOfStream();
					return;
				}
				if (count == 0) {
					return;
				}
				buffer.flip();
				if (!handFramesOver(buffer)) {
					return;
				}
			}
		}
		catch (FrameTooLargeException ex) {
			if (getMapper() instanceof IpcTcpMessageMapper mapper) {
				mapper.replyFrameTooLarge(this, ex);
			}
			readFailed(ex);
		}
		catch (IOException | RuntimeException ex) {
			readFailed(ex);
		}
		finally {
			this.unread = null;
			ReadBuffers.give(buffer);
			ConnectionHandle.endAnyWriteBurst();
		}
	}

	/** Hands over the whole frames in {@code read}; false once the connection is closed. */
	private boolean handFramesOver(ByteBuffer read) throws FrameTooLargeException {
		boolean continued = this.assembler.holdsPartialFrame();
		this.unread = read;
		byte[] body;
		while ((body = this.assembler.next(read)) != null) {
			if (continued) {
				// the held frame is complete: its deadline must not run on while the listener holds it back
				this.partialSince = 0;
				continued = false;
			}
			deliver(body);
			if (!isOpen()) {
				return false;
			}
		}
		if (!this.assembler.holdsPartialFrame()) {
			this.partialSince = 0;
		}
		else if (!continued) {
			this.partialSince = System.nanoTime();
			armDeadline();
		}
		return true;
	}

	private void deliver(byte[] body) {
		this.frame = body;
		try {
			Message<?> message = getMapper().toMessage(this);
			TcpListener listener = getListener();
			if (message != null && listener != null) {
				listener.onMessage(message);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Failed to handle a frame of TCP connection " + getConnectionId(), ex);
		}
		finally {
			this.frame = null;
		}
	}

	/** The frame being handed to the listener: the mapper takes its payload from here. */
	@Override
	public Object getPayload() {
		byte[] body = this.frame;
		if (body == null) {
			throw new IllegalStateException("no frame is being read");
		}
		return body;
	}

	/**
	 * Whether what the current read left holds the whole of the next frame, so that replies can wait to go out with
	 * its own.
	 */
	@Override
	public boolean hasBufferedFrame() {
		ByteBuffer read = this.unread;
		return read != null && this.assembler.hasWholeFrame(read);
	}

	private void endOfStream() {
		if (this.assembler.holdsPartialFrame() && logger.isDebugEnabled()) {
			logger.debug("TCP connection " + getConnectionId() + " closed by its peer in the middle of a frame");
		}
		closeConnection(true);
	}

	/**
	 * A failure of the peer's making (a reset, a frame too large or too late) ends the connection with a line at
	 * debug level: a client must not decide how fast the server's log grows. Its error, if it has one, was sent.
	 */
	private void readFailed(Exception ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Closing TCP connection " + getConnectionId() + ": " + ex);
		}
		closeConnection(true);
	}

	private void armDeadline() {
		if (this.scheduler != null && this.deadlineArmed.compareAndSet(false, true)) {
			this.scheduler.schedule(this::checkDeadline, this.frameTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Closes the connection if its frame held in part is older than the timeout; otherwise watches the one held
	 * now, if any, for what remains of its time.
	 */
	private void checkDeadline() {
		long since = this.partialSince;
		if (since != 0) {
			long left = this.frameTimeout.toNanos() - (System.nanoTime() - since);
			if (left <= 0) {
				readFailed(new IOException("frame not complete within " + this.frameTimeout.toMillis() + " ms"));
				return;
			}
			ScheduledExecutorService timers = this.scheduler;
			if (timers != null) {
				timers.schedule(this::checkDeadline, left, TimeUnit.NANOSECONDS);
			}
			return;
		}
		this.deadlineArmed.set(false);
		if (this.partialSince != 0) {
			armDeadline();
		}
	}

	@Override
	public void send(Message<?> message) {
		this.sender.send(message);
	}

	private void sendFailed(MessagingException failure) {
		publishConnectionExceptionEvent(failure);
		closeConnection(true);
	}

}
