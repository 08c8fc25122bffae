package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * One subscriber connection that reads as fast as it can: counts publishes (all, and those read in the measured
 * window), checks that their sequence numbers arrive one after the other, and notes when the server disconnects
 * it. Read by one reader thread; the counts the main thread polls are published once per read.
 */
final class Subscriber implements FrameSink {

	private final WireConnection connection;

	private final byte[] pong;

	private Window window;

	private long now;

	private long expected = 1;

	private long received;

	private long receivedInWindow;

	private long outOfOrder;

	private volatile long receivedSoFar;

	private volatile String disconnectReason;

	Subscriber(WireConnection connection, WireProtocol wire) {
		this.connection = connection;
		this.pong = wire.pong();
	}

	/** Hands the connection to a reader thread's selector; counting starts with the window. */
	void register(Selector selector, Window window) throws IOException {
		this.window = window;
		this.connection.register(selector, this);
	}

	void handle(SelectionKey key) {
		try {
			if (key.isReadable()) {
				if (this.connection.fill() < 0) {
					disconnected("closed by the server");
					key.cancel();
					return;
				}
				this.now = System.nanoTime();
				this.connection.drain(this);
				this.receivedSoFar = this.received;
			}
			if (key.isValid()) {
				this.connection.flush();
			}
		}
		catch (IOException ex) {
			disconnected(ex.toString());
			key.cancel();
		}
	}

	@Override
	public void onPublish(long sequence) {
		if (sequence != this.expected) {
			this.outOfOrder++;
		}
		this.expected = sequence + 1;
		this.received++;
		if (this.window.measuring(this.now)) {
			this.receivedInWindow++;
		}
	}

	@Override
	public void onNotice(String text) {
		disconnected(text);
	}

	@Override
	public void onPing() {
		this.connection.queue(this.pong);
	}

	@Override
	public void onClose() {
		disconnected("WebSocket closed by the server");
	}

	private void disconnected(String reason) {
		if (this.disconnectReason == null) {
			this.disconnectReason = reason;
		}
	}

	/** True once every publish written has arrived, or the server disconnected this subscriber. */
	boolean caughtUp(long published) {
		return this.receivedSoFar >= published || this.disconnectReason != null;
	}

	long received() {
		return this.receivedSoFar;
	}

	long receivedInWindow() {
		return this.receivedInWindow;
	}

	/** Every publish arrived and the subscriber is still connected. */
	boolean complete(long published) {
		return this.receivedSoFar == published && this.disconnectReason == null;
	}

	/** No publish arrived out of sequence (a gap counts: the next one is not the one expected). */
	boolean inOrder() {
		return this.outOfOrder == 0;
	}

	String disconnectReason() {
		return this.disconnectReason;
	}

	void close() {
		this.connection.close();
	}

}
