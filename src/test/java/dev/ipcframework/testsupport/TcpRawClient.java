package dev.ipcframework.testsupport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;

/**
 * Frames like the originals: a 4-byte big-endian length and the JSON body, written together.
 */
public final class TcpRawClient extends RawClient {

	private final Socket socket;

	private final OutputStream out;

	private final CountDownLatch resumed = new CountDownLatch(1);

	private volatile boolean paused;

	TcpRawClient(int port) {
		this(port, 0);
	}

	TcpRawClient(int port, int receiveBufferBytes) {
		this(plainSocket(port, receiveBufferBytes));
	}

	/** A client on a socket already connected, a TLS one for instance. */
	TcpRawClient(Socket socket) {
		this.socket = socket;
		try {
			this.out = socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread reader = new Thread(this::readLoop, "raw-tcp-reader");
		reader.setDaemon(true);
		reader.start();
	}

	private static Socket plainSocket(int port, int receiveBufferBytes) {
		try {
			Socket socket = new Socket();
			socket.setTcpNoDelay(true);
			if (receiveBufferBytes > 0) {
				socket.setReceiveBufferSize(receiveBufferBytes);
			}
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void readLoop() {
		try (DataInputStream in = new DataInputStream(this.socket.getInputStream())) {
			while (true) {
				if (this.paused) {
					this.resumed.await();
				}
				int length = in.readInt();
				byte[] body = new byte[length];
				in.readFully(body);
				received(body);
			}
		}
		catch (EOFException ex) {
			// the server closed the connection
		}
		catch (IOException ex) {
			// reset or closed locally
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			markClosed();
		}
	}

	/** Stops reading from the socket after the frame being read, as a stalled consumer would. */
	public void pauseReading() {
		this.paused = true;
	}

	/** Reads again after {@link #pauseReading()}, for instance to find out whether the server closed the socket. */
	public void resumeReading() {
		this.paused = false;
		this.resumed.countDown();
	}

	@Override
	public void sendFrame(byte[] body) {
		sendBytes(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
	}

	@Override
	public synchronized void sendBytes(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
