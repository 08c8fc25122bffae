package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Reads the protocol's TCP framing: a 4-byte big-endian unsigned length, then that many bytes. The length is read
 * as unsigned and checked against the limit before anything of that size is allocated; an oversized frame fails
 * with {@link FrameTooLargeException} so that the connection can be answered before it is closed. Writing is
 * {@link FrameBatchSerializer}'s job.
 * <p>
 * With a frame timeout, a frame must be complete within that time of its first byte, or the connection is closed:
 * a peer that starts a frame and stalls (slowloris) would otherwise hold the frame's buffer for as long as it keeps
 * the connection open. Waiting for a frame to start is not bounded: a quiet connection holds no buffer but the
 * small read buffer.
 */
public class LengthHeaderFrameCodec extends ByteArrayLengthHeaderSerializer {

	private final Duration frameTimeout;

	private final @Nullable ScheduledExecutorService scheduler;

	public LengthHeaderFrameCodec(int maxFrameSize) {
		this(maxFrameSize, Duration.ZERO, null);
	}

	/**
	 * @param maxFrameSize the largest frame body accepted
	 * @param frameTimeout how long a frame may take from its first byte to its last; zero for no limit
	 * @param scheduler runs the frame deadlines; needed when there is a frame timeout
	 */
	public LengthHeaderFrameCodec(int maxFrameSize, Duration frameTimeout,
			@Nullable ScheduledExecutorService scheduler) {
		super(HEADER_SIZE_INT);
		setMaxMessageSize(maxFrameSize);
		this.frameTimeout = frameTimeout;
		this.scheduler = (frameTimeout.isZero() || frameTimeout.isNegative()) ? null : scheduler;
	}

	/** How long a frame may take from its first byte to its last; zero or less for no limit. */
	Duration frameTimeout() {
		return this.frameTimeout;
	}

	/** What runs the frame deadlines; {@code null} when there is no frame timeout. */
	@Nullable ScheduledExecutorService scheduler() {
		return this.scheduler;
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		int first = inputStream.read();
		if (first < 0) {
			throw new SoftEndOfStreamException("Stream closed between frames");
		}
		// a frame already read in whole needs no deadline: arming and cancelling one costs more than reading it
		FrameDeadline deadline = (inputStream instanceof IpcTcpConnection.FrameInputStream buffered
				&& buffered.hasRestOfFrame(first)) ? null
						: FrameDeadline.start(this.scheduler, this.frameTimeout, expiry(inputStream));
		try {
			byte[] header = new byte[HEADER_SIZE_INT];
			header[0] = (byte) first;
			readFully(inputStream, header, 1);
			long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt());
			if (length > getMaxMessageSize()) {
				throw new FrameTooLargeException(length, getMaxMessageSize());
			}
			byte[] body = new byte[(int) length];
			readFully(inputStream, body, 0);
			return body;
		}
		catch (IOException ex) {
			if (deadline != null && deadline.expired()) {
				throw new SocketTimeoutException("frame not complete within " + this.frameTimeout.toMillis() + " ms");
			}
			throw ex;
		}
		finally {
			if (deadline != null) {
				deadline.finish();
			}
		}
	}

	/** Closes the connection where the stream allows it; a thread blocked on a socket ignores interrupts. */
	private static Runnable expiry(InputStream inputStream) {
		if (inputStream instanceof IpcTcpConnection.FrameInputStream connection) {
			return connection::abort;
		}
		Thread reader = Thread.currentThread();
		return reader::interrupt;
	}

	private static void readFully(InputStream inputStream, byte[] buffer, int offset) throws IOException {
		int read = offset;
		while (read < buffer.length) {
			int count = inputStream.read(buffer, read, buffer.length - read);
			if (count < 0) {
				throw new IOException("Stream closed after " + read + " of " + buffer.length);
			}
			read += count;
		}
	}

	/**
	 * Ends the read of a late frame. The lock makes sure that the expiry never outlives the frame it was meant for.
	 */
	private static final class FrameDeadline implements Runnable {

		private final Runnable expiry;

		private @Nullable ScheduledFuture<?> timer;

		private boolean reading = true;

		private boolean expired;

		private FrameDeadline(Runnable expiry) {
			this.expiry = expiry;
		}

		static @Nullable FrameDeadline start(@Nullable ScheduledExecutorService scheduler, Duration timeout,
				Runnable expiry) {
			if (scheduler == null) {
				return null;
			}
			FrameDeadline deadline = new FrameDeadline(expiry);
			synchronized (deadline) {
				deadline.timer = scheduler.schedule(deadline, timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			return deadline;
		}

		@Override
		public synchronized void run() {
			if (this.reading) {
				this.expired = true;
				this.expiry.run();
			}
		}

		synchronized boolean expired() {
			return this.expired;
		}

		synchronized void finish() {
			this.reading = false;
			if (this.timer != null) {
				this.timer.cancel(false);
			}
			if (this.expired) {
				// an interrupt was for this frame only
				Thread.interrupted();
			}
		}

	}

}
