package dev.ipcframework.testsupport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * Frames like the originals: a 4-byte big-endian length and the JSON body, written together.
 */
final class TcpRawClient extends RawClient {

	private final Socket socket;

	private final OutputStream out;

	TcpRawClient(int port) {
		try {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread reader = new Thread(this::readLoop, "raw-tcp-reader");
		reader.setDaemon(true);
		reader.start();
	}

	private void readLoop() {
		try (DataInputStream in = new DataInputStream(this.socket.getInputStream())) {
			while (true) {
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
		finally {
			markClosed();
		}
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
