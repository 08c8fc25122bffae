package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * Our protocol over raw TCP: a 4-byte big-endian length, then the JSON envelope.
 */
final class IpcTcpWire implements WireProtocol {

	private static final int MAX_HANDSHAKE_FRAME = 64 * 1024;

	private final InetSocketAddress address;

	IpcTcpWire(InetSocketAddress address) {
		this.address = address;
	}

	@Override
	public String name() {
		return "TCP";
	}

	@Override
	public InetSocketAddress address() {
		return this.address;
	}

	@Override
	public void handshake(Socket socket, String app) throws IOException {
		String messageId = "connect";
		socket.getOutputStream().write(frame(IpcEnvelopes.connect(app, messageId, IpcEnvelopes.nextConnectionId())));
		byte[] body = readFrame(socket.getInputStream());
		if (!IpcEnvelopes.isConnected(body, 0, body.length)) {
			throw new IOException("handshake refused: " + IpcEnvelopes.describe(body, 0, body.length));
		}
	}

	@Override
	public void subscribe(Socket socket, String channel) throws IOException {
		// no acknowledgement for a subscribe; the answer to a ping sent after it shows it was handled
		String app = "bench";
		String sync = "sync-" + channel;
		OutputStream out = socket.getOutputStream();
		out.write(concat(frame(IpcEnvelopes.subscribe(app, channel)), frame(IpcEnvelopes.ping(app, sync))));
		InputStream in = socket.getInputStream();
		for (int frames = 0; frames < 100; frames++) {
			byte[] body = readFrame(in);
			if (IpcEnvelopes.answers(body, 0, body.length, sync)) {
				return;
			}
		}
		throw new IOException("no answer to the ping after subscribing to " + channel);
	}

	@Override
	public void prepareRequester(Socket socket, int requester) {
		// responses come back on the connection the request came on: nothing to set up
	}

	@Override
	public FrameTemplate requestTemplate(int requester) {
		return withLength(IpcEnvelopes.request(IpcEnvelopes.ECHO_APP, IpcEnvelopes.ECHO_CHANNEL));
	}

	@Override
	public FrameTemplate publishTemplate(String channel) {
		return withLength(IpcEnvelopes.publish("bench", channel));
	}

	@Override
	public byte[] pong() {
		return new byte[0];
	}

	@Override
	public void parse(ByteBuffer received, FrameSink sink) {
		byte[] bytes = received.array();
		int position = received.arrayOffset() + received.position();
		int limit = received.arrayOffset() + received.limit();
		while (limit - position >= 4) {
			int length = ((bytes[position] & 0xff) << 24) | ((bytes[position + 1] & 0xff) << 16)
					| ((bytes[position + 2] & 0xff) << 8) | (bytes[position + 3] & 0xff);
			if (length < 0 || limit - position - 4 < length) {
				break;
			}
			IpcEnvelopes.classify(bytes, position + 4, position + 4 + length, sink);
			position += 4 + length;
		}
		received.position(position - received.arrayOffset());
	}

	static byte[] frame(byte[] body) {
		return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
	}

	private static FrameTemplate withLength(FrameTemplate body) {
		return body.behind(ByteBuffer.allocate(4).putInt(body.length()).array());
	}

	private static byte[] readFrame(InputStream in) throws IOException {
		byte[] header = new byte[4];
		BlockingReads.readFully(in, header, 0, 4);
		int length = ByteBuffer.wrap(header).getInt();
		if (length < 0 || length > MAX_HANDSHAKE_FRAME) {
			throw new IOException("unexpected frame length " + length);
		}
		byte[] body = new byte[length];
		BlockingReads.readFully(in, body, 0, length);
		return body;
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
