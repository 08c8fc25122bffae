package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One non-blocking connection in a selector loop: a receive buffer that the wire protocol scans, and a send buffer
 * holding what the socket has not taken yet (then the loop waits until it is writable). Used by one thread only.
 */
final class WireConnection implements AutoCloseable {

	private final SocketChannel channel;

	private final WireProtocol wire;

	private ByteBuffer received;

	private ByteBuffer unsent;

	private SelectionKey key;

	WireConnection(SocketChannel channel, WireProtocol wire, int receiveBufferBytes, int sendBufferBytes) {
		this.channel = channel;
		this.wire = wire;
		this.received = ByteBuffer.allocate(receiveBufferBytes);
		this.unsent = ByteBuffer.allocate(sendBufferBytes);
	}

	SocketChannel channel() {
		return this.channel;
	}

	void register(Selector selector, Object attachment) throws IOException {
		this.channel.configureBlocking(false);
		this.key = this.channel.register(selector, SelectionKey.OP_READ, attachment);
	}

	/** Reads what the socket has; -1 once the server closed the connection. */
	int fill() throws IOException {
		if (!this.received.hasRemaining()) {
			// a message longer than the buffer: make room for it
			ByteBuffer larger = ByteBuffer.allocate(this.received.capacity() * 2);
			this.received.flip();
			larger.put(this.received);
			this.received = larger;
		}
		return this.channel.read(this.received);
	}

	/** Hands every complete message received so far to the sink. */
	void drain(FrameSink sink) {
		this.received.flip();
		this.wire.parse(this.received, sink);
		this.received.compact();
	}

	/** Appends one message built from a template to the send buffer. */
	void queue(FrameTemplate template, int slot, long sequence) {
		ensureRoom(template.length());
		template.writeTo(this.unsent.array(), this.unsent.position(), slot, sequence);
		this.unsent.position(this.unsent.position() + template.length());
	}

	void queue(byte[] bytes) {
		ensureRoom(bytes.length);
		this.unsent.put(bytes);
	}

	/** Writes what the socket takes; waits for writability (OP_WRITE) while anything is left. */
	void flush() throws IOException {
		if (this.unsent.position() == 0) {
			return;
		}
		this.unsent.flip();
		this.channel.write(this.unsent);
		this.unsent.compact();
		int ops = (this.unsent.position() > 0) ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
		if (this.key != null && this.key.isValid() && this.key.interestOps() != ops) {
			this.key.interestOps(ops);
		}
	}

	private void ensureRoom(int bytes) {
		if (this.unsent.remaining() < bytes) {
			ByteBuffer larger = ByteBuffer.allocate(Math.max(this.unsent.capacity() * 2, this.unsent.position() + bytes));
			this.unsent.flip();
			larger.put(this.unsent);
			this.unsent = larger;
		}
	}

	@Override
	public void close() {
		if (this.key != null) {
			this.key.cancel();
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
