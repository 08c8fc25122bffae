package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * The NATS client protocol on a raw socket, as the servers' own benchmarks speak it: {@code INFO} from the server,
 * {@code CONNECT}/{@code PING}, then {@code PUB} lines out and {@code MSG} lines in. Requests are published to
 * {@link #ECHO_SUBJECT} with a reply subject {@code _INBOX.b<requester>.<slot>} that the requester subscribed to, so
 * the reply's subject names the slot just as our {@code reply_to} does.
 */
final class NatsWire implements WireProtocol {

	static final String ECHO_SUBJECT = "bench.echo";

	private static final byte[] CRLF = AsciiBytes.ascii("\r\n");

	private static final byte[] PONG = AsciiBytes.ascii("PONG\r\n");

	private static final byte[] INBOX = AsciiBytes.ascii("_INBOX.");

	private static final byte[] PING = AsciiBytes.ascii("PING");

	private static final byte[] ERR = AsciiBytes.ascii("-ERR");

	private static final byte[] SEQUENCE_PREFIX = AsciiBytes.ascii(Payloads.SEQUENCE_PREFIX);

	private final InetSocketAddress address;

	NatsWire(InetSocketAddress address) {
		this.address = address;
	}

	@Override
	public String name() {
		return "NATS";
	}

	@Override
	public InetSocketAddress address() {
		return this.address;
	}

	@Override
	public void handshake(Socket socket, String app) throws IOException {
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[8192];
		int length = BlockingReads.readUntil(in, buffer, 0, CRLF);
		if (!AsciiBytes.startsWith(buffer, 0, length, AsciiBytes.ascii("INFO "))) {
			throw new IOException("no INFO from the server: " + AsciiBytes.text(buffer, 0, Math.min(length, 200)));
		}
		socket.getOutputStream().write(AsciiBytes.ascii("CONNECT {\"verbose\":false}\r\nPING\r\n"));
		awaitPong(in);
	}

	@Override
	public void subscribe(Socket socket, String channel) throws IOException {
		socket.getOutputStream().write(AsciiBytes.ascii("SUB " + channel + " 1\r\nPING\r\n"));
		awaitPong(socket.getInputStream());
	}

	@Override
	public void prepareRequester(Socket socket, int requester) throws IOException {
		subscribe(socket, inbox(requester) + "*");
	}

	@Override
	public FrameTemplate requestTemplate(int requester) {
		String replySubject = inbox(requester) + "0".repeat(FrameTemplate.SLOT_DIGITS);
		byte[] bytes = AsciiBytes.ascii("PUB " + ECHO_SUBJECT + " " + replySubject + " " + Payloads.SIZE + "\r\n"
				+ Payloads.REQUEST + "\r\n");
		int slot = 4 + ECHO_SUBJECT.length() + 1 + inbox(requester).length();
		return new FrameTemplate(bytes, slot, new int[0]);
	}

	@Override
	public FrameTemplate publishTemplate(String channel) {
		String header = "PUB " + channel + " " + Payloads.SIZE + "\r\n";
		byte[] bytes = AsciiBytes.ascii(header + Payloads.PUBLISH + "\r\n");
		return new FrameTemplate(bytes, -1, new int[] { header.length() + SEQUENCE_PREFIX.length });
	}

	@Override
	public byte[] pong() {
		return PONG.clone();
	}

	@Override
	public void parse(ByteBuffer received, FrameSink sink) {
		byte[] bytes = received.array();
		int position = received.arrayOffset() + received.position();
		int limit = received.arrayOffset() + received.limit();
		while (position < limit) {
			int lineEnd = AsciiBytes.indexOfCrLf(bytes, position, limit);
			if (lineEnd < 0) {
				break;
			}
			if (bytes[position] == 'M') {
				// MSG <subject> <sid> [reply-to] <#bytes>
				int sizeStart = lineEnd;
				while (sizeStart > position && bytes[sizeStart - 1] >= '0' && bytes[sizeStart - 1] <= '9') {
					sizeStart--;
				}
				int size = (int) AsciiBytes.parseDigits(bytes, sizeStart, lineEnd - sizeStart);
				int payload = lineEnd + 2;
				int end = payload + size + 2;
				if (end > limit) {
					break;
				}
				int subject = position + 4;
				if (AsciiBytes.startsWith(bytes, subject, lineEnd, INBOX)) {
					int subjectEnd = subject;
					while (bytes[subjectEnd] != ' ') {
						subjectEnd++;
					}
					sink.onReply((int) AsciiBytes.parseDigits(bytes, subjectEnd - FrameTemplate.SLOT_DIGITS,
							FrameTemplate.SLOT_DIGITS), false);
				}
				else if (AsciiBytes.startsWith(bytes, payload, end, SEQUENCE_PREFIX)) {
					sink.onPublish(AsciiBytes.parseDigits(bytes, payload + SEQUENCE_PREFIX.length,
							FrameTemplate.SEQUENCE_DIGITS));
				}
				position = end;
				continue;
			}
			if (AsciiBytes.startsWith(bytes, position, lineEnd, PING)) {
				sink.onPing();
			}
			else if (AsciiBytes.startsWith(bytes, position, lineEnd, ERR)) {
				sink.onNotice(AsciiBytes.text(bytes, position, lineEnd));
			}
			// PONG, +OK and INFO need nothing
			position = lineEnd + 2;
		}
		received.position(position - received.arrayOffset());
	}

	private static String inbox(int requester) {
		return "_INBOX.b" + requester + ".";
	}

	private static void awaitPong(InputStream in) throws IOException {
		byte[] buffer = new byte[8192];
		int length = 0;
		while (AsciiBytes.indexOf(buffer, 0, length, PONG) < 0) {
			if (AsciiBytes.indexOf(buffer, 0, length, ERR) >= 0
					&& AsciiBytes.indexOfCrLf(buffer, AsciiBytes.indexOf(buffer, 0, length, ERR), length) >= 0) {
				throw new IOException("refused: " + AsciiBytes.text(buffer, 0, Math.min(length, 200)).trim());
			}
			length = BlockingReads.readMore(in, buffer, length);
		}
	}

}
