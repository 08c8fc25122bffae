package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One server's wire protocol as the load generator speaks it: the handshake and subscription on a blocking socket,
 * templates for requests and publishes, and a scan of received bytes for replies, publishes and errors. The loads
 * drive every server through this interface with the same selector loops, so the client side costs the same
 * whichever server is measured.
 */
interface WireProtocol {

	int CONNECT_TIMEOUT_MILLIS = 5_000;

	int READ_TIMEOUT_MILLIS = 10_000;

	/** A short name for tables: {@code TCP}, {@code WebSocket}, {@code NATS}. */
	String name();

	InetSocketAddress address();

	/** Completes the handshake on a freshly connected blocking socket; the app is ignored where there are none. */
	void handshake(Socket socket, String app) throws IOException;

	/** Subscribes the connection to a channel (a subject) and returns once the server has taken the subscription. */
	void subscribe(Socket socket, String channel) throws IOException;

	/** Makes a connected socket ready to send requests built from {@link #requestTemplate} (NATS: its inbox). */
	void prepareRequester(Socket socket, int requester) throws IOException;

	/** A request to the echo service, with an in-flight slot that the reply names. */
	FrameTemplate requestTemplate(int requester);

	/** A 100-byte publish with a sequence number in its payload. */
	FrameTemplate publishTemplate(String channel);

	/** The answer to a server ping. */
	byte[] pong();

	/**
	 * Reports every complete message between the buffer's position and limit to the sink and moves the position
	 * past them; an incomplete one at the end stays for the next read. The buffer is array-backed.
	 */
	void parse(ByteBuffer received, FrameSink sink);

	/** A read timed out during a handshake or subscription: says so in the words of the report. */
	static IOException unanswered(SocketTimeoutException ex) {
		return new IOException("no answer from the server within " + READ_TIMEOUT_MILLIS / 1000 + " s", ex);
	}

	/** Opens a connection and completes the handshake; left in blocking mode. */
	default SocketChannel open(String app, int receiveBufferBytes) throws IOException {
		SocketChannel channel = SocketChannel.open();
		try {
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (receiveBufferBytes > 0) {
				// before connecting, so that the window the server sees is small from the start
				channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
			}
			Socket socket = channel.socket();
			socket.connect(address(), CONNECT_TIMEOUT_MILLIS);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			handshake(socket, app);
			return channel;
		}
		catch (SocketTimeoutException ex) {
			channel.close();
			throw unanswered(ex);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

}
