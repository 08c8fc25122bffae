package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Publishes numbered messages from the start of the window to its end as fast as the socket accepts them, never
 * waiting for subscribers: protecting the server from the publisher is the server's job. Messages are written in
 * batches of about 64 KiB; one counts as published once its last byte was written.
 */
final class UnpacedPublisher implements Runnable, FrameSink {

	private static final int BATCH_BYTES = 64 * 1024;

	/** After the window, how long the batch being written may take to go out. */
	private static final long FINISH_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final WireConnection connection;

	private final FrameTemplate template;

	private final Window window;

	private volatile long published;

	private long publishedAtMeasureStart = -1;

	private long publishedAtMeasureEnd = -1;

	private volatile String notice;

	private volatile Throwable failure;

	UnpacedPublisher(WireConnection connection, FrameTemplate template, Window window) {
		this.connection = connection;
		this.template = template;
		this.window = window;
	}

	@Override
	public void run() {
		int length = this.template.length();
		int perBatch = Math.max(1, BATCH_BYTES / length);
		ByteBuffer batch = ByteBuffer.allocate(perBatch * length);
		batch.limit(0);
		long sequence = 0;
		long written = 0;
		SocketChannel channel = this.connection.channel();
		try (Selector selector = Selector.open()) {
			this.connection.register(selector, this);
			SelectionKey key = channel.keyFor(selector);
			while (true) {
				long now = System.nanoTime();
				long done = written / length;
				if (this.publishedAtMeasureStart < 0 && now >= this.window.measureStart()) {
					this.publishedAtMeasureStart = done;
				}
				if (this.publishedAtMeasureEnd < 0 && now >= this.window.measureEnd()) {
					this.publishedAtMeasureEnd = done;
				}
				if (!batch.hasRemaining()) {
					if (now >= this.window.measureEnd()) {
						break;
					}
					// the server may have sent an error; look without waiting
					if (selector.selectNow() > 0) {
						readNotices(selector);
					}
					batch.clear();
					for (int i = 0; i < perBatch; i++) {
						this.template.writeTo(batch.array(), i * length, -1, ++sequence);
					}
				}
				else if (now >= this.window.measureEnd() + FINISH_NANOS) {
					break;
				}
				int n = channel.write(batch);
				written += n;
				this.published = written / length;
				if (n == 0) {
					key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
					selector.select(50);
					readNotices(selector);
					key.interestOps(SelectionKey.OP_READ);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			this.failure = ex;
		}
		finally {
			this.published = written / length;
			if (this.publishedAtMeasureStart < 0) {
				this.publishedAtMeasureStart = this.published;
			}
			if (this.publishedAtMeasureEnd < 0) {
				this.publishedAtMeasureEnd = this.published;
			}
		}
	}

	private void readNotices(Selector selector) throws IOException {
		for (SelectionKey key : selector.selectedKeys()) {
			if (key.isValid() && key.isReadable()) {
				if (this.connection.fill() < 0) {
					throw new IOException("publisher closed by the server" + ((this.notice != null) ? ": " + this.notice : ""));
				}
				this.connection.drain(this);
			}
		}
		selector.selectedKeys().clear();
	}

	@Override
	public void onNotice(String text) {
		this.notice = text;
	}

	/** Messages written in full; final once the thread has ended. */
	long published() {
		return this.published;
	}

	long publishedInWindow() {
		return this.publishedAtMeasureEnd - this.publishedAtMeasureStart;
	}

	String notice() {
		return this.notice;
	}

	Throwable failure() {
		return this.failure;
	}

}
