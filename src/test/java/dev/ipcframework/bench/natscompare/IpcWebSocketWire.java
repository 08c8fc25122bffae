package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Our protocol over WebSocket ({@code /ipc} on the HTTP port), spoken on a raw socket: an HTTP upgrade that offers
 * compression as browsers do (the server declines it by default), then one text frame per envelope. Client frames must be masked; the mask key is all zeros, which the protocol allows and
 * which leaves the payload unchanged, so a request is still a template copy. Server frames are unmasked.
 */
final class IpcWebSocketWire implements WireProtocol {

	private static final byte[] HEADERS_END = AsciiBytes.ascii("\r\n\r\n");

	/** What browsers offer with every upgrade: the server's answer to it is what they get. */
	private static final String BROWSER_EXTENSIONS = "permessage-deflate; client_max_window_bits";

	private static final int OPCODE_CONTINUATION = 0x0;

	private static final int OPCODE_TEXT = 0x1;

	private static final int OPCODE_BINARY = 0x2;

	private static final int OPCODE_CLOSE = 0x8;

	private static final int OPCODE_PING = 0x9;

	private final InetSocketAddress address;

	private final String path;

	IpcWebSocketWire(InetSocketAddress address, String path) {
		this.address = address;
		this.path = path;
	}

	@Override
	public String name() {
		return "WebSocket";
	}

	@Override
	public InetSocketAddress address() {
		return this.address;
	}

	@Override
	public void handshake(Socket socket, String app) throws IOException {
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		String upgrade = "GET " + this.path + " HTTP/1.1\r\nHost: " + this.address.getHostString() + ":"
				+ this.address.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
				+ Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Extensions: " + BROWSER_EXTENSIONS + "\r\n\r\n";
		socket.getOutputStream().write(AsciiBytes.ascii(upgrade));
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[8192];
		int length = BlockingReads.readUntil(in, buffer, 0, HEADERS_END);
		if (!AsciiBytes.startsWith(buffer, 0, length, AsciiBytes.ascii("HTTP/1.1 101"))) {
			throw new IOException("upgrade refused: " + AsciiBytes.text(buffer, 0, Math.min(length, 200)));
		}
		if (AsciiBytes.text(buffer, 0, length).toLowerCase(Locale.ROOT).contains("sec-websocket-extensions:")) {
			throw new IOException("the server agreed to compress (ipc.websocket.compression is on): this load "
					+ "generator sends and reads uncompressed frames only");
		}
		socket.getOutputStream().write(frame(IpcEnvelopes.connect(app, "connect", IpcEnvelopes.nextConnectionId())));
		byte[] body = readMessage(in);
		if (!IpcEnvelopes.isConnected(body, 0, body.length)) {
			throw new IOException("handshake refused: " + IpcEnvelopes.describe(body, 0, body.length));
		}
	}

	@Override
	public void subscribe(Socket socket, String channel) throws IOException {
		String sync = "sync-" + channel;
		socket.getOutputStream().write(IpcTcpWire.concat(frame(IpcEnvelopes.subscribe("bench", channel)),
				frame(IpcEnvelopes.ping("bench", sync))));
		for (int messages = 0; messages < 100; messages++) {
			byte[] body = readMessage(socket.getInputStream());
			if (IpcEnvelopes.answers(body, 0, body.length, sync)) {
				return;
			}
		}
		throw new IOException("no answer to the ping after subscribing to " + channel);
	}

	@Override
	public void prepareRequester(Socket socket, int requester) {
		// responses come back on the session the request came on
	}

	@Override
	public FrameTemplate requestTemplate(int requester) {
		FrameTemplate body = IpcEnvelopes.request(IpcEnvelopes.ECHO_APP, IpcEnvelopes.ECHO_CHANNEL);
		return body.behind(header(OPCODE_TEXT, body.length()));
	}

	@Override
	public FrameTemplate publishTemplate(String channel) {
		FrameTemplate body = IpcEnvelopes.publish("bench", channel);
		return body.behind(header(OPCODE_TEXT, body.length()));
	}

	@Override
	public byte[] pong() {
		// masked, empty: the server sends no pings of its own, so the echoed data is not worth keeping
		return new byte[] { (byte) 0x8A, (byte) 0x80, 0, 0, 0, 0 };
	}

	@Override
	public void parse(ByteBuffer received, FrameSink sink) {
		byte[] bytes = received.array();
		int position = received.arrayOffset() + received.position();
		int limit = received.arrayOffset() + received.limit();
		while (limit - position >= 2) {
			int opcode = bytes[position] & 0x0f;
			boolean masked = (bytes[position + 1] & 0x80) != 0;
			long length = bytes[position + 1] & 0x7f;
			int header = 2;
			if (length == 126) {
				if (limit - position < 4) {
					break;
				}
				length = ((bytes[position + 2] & 0xff) << 8) | (bytes[position + 3] & 0xff);
				header = 4;
			}
			else if (length == 127) {
				if (limit - position < 10) {
					break;
				}
				length = ByteBuffer.wrap(bytes, position + 2, 8).getLong();
				header = 10;
			}
			if (masked) {
				header += 4;
			}
			if (limit - position - header < length) {
				break;
			}
			int start = position + header;
			int end = (int) (start + length);
			if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY || opcode == OPCODE_CONTINUATION) {
				IpcEnvelopes.classify(bytes, start, end, sink);
			}
			else if (opcode == OPCODE_CLOSE) {
				sink.onClose();
			}
			else if (opcode == OPCODE_PING) {
				sink.onPing();
			}
			position = end;
		}
		received.position(position - received.arrayOffset());
	}

	/** A masked text frame carrying body (mask key zero). */
	static byte[] frame(byte[] body) {
		return IpcTcpWire.concat(header(OPCODE_TEXT, body.length), body);
	}

	private static byte[] header(int opcode, int length) {
		ByteBuffer header = ByteBuffer.allocate(14);
		header.put((byte) (0x80 | opcode));
		if (length < 126) {
			header.put((byte) (0x80 | length));
		}
		else if (length < 65536) {
			header.put((byte) (0x80 | 126)).putShort((short) length);
		}
		else {
			header.put((byte) (0x80 | 127)).putLong(length);
		}
		header.putInt(0);
		byte[] bytes = new byte[header.position()];
		header.flip().get(bytes);
		return bytes;
	}

	/** Reads one data message on a blocking socket, skipping control frames. */
	private static byte[] readMessage(InputStream in) throws IOException {
		byte[] head = new byte[2];
		while (true) {
			BlockingReads.readFully(in, head, 0, 2);
			int opcode = head[0] & 0x0f;
			long length = head[1] & 0x7f;
			if (length == 126) {
				byte[] extended = new byte[2];
				BlockingReads.readFully(in, extended, 0, 2);
				length = ((extended[0] & 0xff) << 8) | (extended[1] & 0xff);
			}
			else if (length == 127) {
				byte[] extended = new byte[8];
				BlockingReads.readFully(in, extended, 0, 8);
				length = ByteBuffer.wrap(extended).getLong();
			}
			if (length > 1 << 20) {
				throw new IOException("unexpected WebSocket frame length " + length);
			}
			byte[] payload = new byte[(int) length];
			BlockingReads.readFully(in, payload, 0, payload.length);
			if (opcode == OPCODE_CLOSE) {
				throw new IOException("session closed by the server: " + AsciiBytes.text(payload, 0, payload.length));
			}
			if (opcode == OPCODE_TEXT || opcode == OPCODE_BINARY) {
				return payload;
			}
		}
	}

}
