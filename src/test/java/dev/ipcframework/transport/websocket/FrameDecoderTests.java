package dev.ipcframework.transport.websocket;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client frames {@link FrameDecoder} reads: whole and in parts, masked with random keys, split across reads
 * at every size, and the protocol errors it refuses.
 */
class FrameDecoderTests {

	private static final int BUFFER = 64;

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 7, 13, 64, 1000 })
	void messagesOfEverySizeArriveIntactWhateverTheReadsSplitThem(int readSize) throws IOException {
		List<byte[]> sent = new ArrayList<>();
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		for (int length : new int[] { 0, 1, 7, 8, 9, 63, 64, 65, 125, 126, 200, 65535, 65536, 70000 }) {
			byte[] payload = randomText(length);
			sent.add(payload);
			wire.writeBytes(clientFrame(true, 0x1, payload));
		}
		Recorder recorder = decodeAll(wire.toByteArray(), readSize);

		assertThat(recorder.messages()).hasSize(sent.size());
		for (int i = 0; i < sent.size(); i++) {
			assertThat(recorder.messages().get(i)).as("message %d", i).isEqualTo(sent.get(i));
		}
	}

	@Test
	void aMessageThatFitsTheBufferArrivesInOnePartAndALargerOneInSeveral() throws IOException {
		byte[] small = randomText(BUFFER);
		byte[] large = randomText(BUFFER * 5 + 3);
		byte[] wire = concat(clientFrame(true, 0x1, small), clientFrame(true, 0x1, large));

		Recorder recorder = decodeAll(wire, 1000);

		assertThat(recorder.parts.get(0)).isEqualTo(small);
		assertThat(recorder.lasts.get(0)).isTrue();
		assertThat(recorder.parts.size()).isGreaterThan(2);
		assertThat(recorder.messages()).containsExactly(small, large);
	}

	@Test
	void fragmentsWithControlFramesBetweenThemMakeOneMessageAndThePingsAreReported() throws IOException {
		byte[] one = "first ".getBytes(StandardCharsets.UTF_8);
		byte[] two = randomText(300);
		byte[] three = " end".getBytes(StandardCharsets.UTF_8);
		byte[] wire = concat(clientFrame(false, 0x1, one), clientFrame(true, 0x9, new byte[] { 1, 2 }),
				clientFrame(false, 0x0, two), clientFrame(true, 0x0, three), clientFrame(true, 0x1, one));

		Recorder recorder = decodeAll(wire, 5);

		assertThat(recorder.messages()).containsExactly(concat(one, two, three), one);
		assertThat(recorder.pings).containsExactly(new byte[] { 1, 2 });
		assertThat(recorder.texts).containsOnly(true);
	}

	@Test
	void binaryMessagesAreReportedAsBinary() throws IOException {
		byte[] payload = { 0, (byte) 0xff, 42 };
		Recorder recorder = decodeAll(clientFrame(true, 0x2, payload), 2);

		assertThat(recorder.messages()).containsExactly(payload);
		assertThat(recorder.texts).containsExactly(false);
	}

	@Test
	void closeFramesGiveTheirCodeAndReason() throws IOException {
		byte[] payload = ByteBuffer.allocate(6).putShort((short) 4001).put("bye!".getBytes(StandardCharsets.UTF_8)).array();
		Recorder recorder = decodeAll(concat(clientFrame(true, 0x8, payload), clientFrame(true, 0x8, new byte[0])), 3);

		assertThat(recorder.closes).containsExactly("4001 bye!", "1005 ");
	}

	@Test
	void decodingStopsBetweenFramesWhilePausedAndGoesOnFromThere() throws IOException {
		byte[] wire = concat(clientFrame(true, 0x1, "a".getBytes(StandardCharsets.UTF_8)),
				clientFrame(true, 0x1, "b".getBytes(StandardCharsets.UTF_8)));
		FrameDecoder decoder = new FrameDecoder(BUFFER);
		Recorder recorder = new Recorder();
		decoder.readFrom(new ByteArrayInputStream(wire)::read);

		decoder.decode(recorder, () -> !recorder.parts.isEmpty());
		assertThat(recorder.parts).hasSize(1);
		assertThat(decoder.hasBuffered()).isTrue();

		decoder.decode(recorder, () -> false);
		assertThat(recorder.messages()).hasSize(2);
		assertThat(decoder.hasBuffered()).isFalse();
	}

	@Test
	void protocolErrorsAreRefusedWithTheCloseCodeForThem() {
		byte[] text = "x".getBytes(StandardCharsets.UTF_8);
		byte[] unmasked = clientFrame(true, 0x1, text);
		unmasked[1] &= 0x7f;
		byte[] reserved = clientFrame(true, 0x1, text);
		reserved[0] |= 0x40;

		assertProtocolError(unmasked, "client frames must be masked");
		assertProtocolError(reserved, "reserved bits");
		assertProtocolError(clientFrame(true, 0x3, text), "unknown opcode 3");
		assertProtocolError(clientFrame(true, 0x0, text), "continuation frame without a message");
		assertProtocolError(concat(clientFrame(false, 0x1, text), clientFrame(true, 0x1, text)),
				"new message before the fragmented one ended");
		assertProtocolError(clientFrame(false, 0x9, text), "control frames must be whole");
		assertProtocolError(clientFrame(true, 0x9, new byte[126]), "control frames must be whole");
		assertProtocolError(clientFrame(true, 0x8, new byte[1]), "one-byte payload");
	}

	private static void assertProtocolError(byte[] wire, String reason) {
		assertThatExceptionOfType(FrameDecoder.ProtocolException.class).isThrownBy(() -> decodeAll(wire, 1000))
			.satisfies((ex) -> {
				assertThat(ex.status().getCode()).isEqualTo(1002);
				assertThat(ex.getMessage()).contains(reason);
			});
	}

	private static Recorder decodeAll(byte[] wire, int readSize) throws IOException {
		FrameDecoder decoder = new FrameDecoder(BUFFER);
		Recorder recorder = new Recorder();
		InputStream in = new ChunkedInput(wire, readSize);
		while (decoder.readFrom(in::read) >= 0) {
			decoder.decode(recorder, () -> false);
		}
		assertThat(decoder.hasBuffered()).isFalse();
		return recorder;
	}

	/** A masked client frame, with a random mask key. */
	static byte[] clientFrame(boolean fin, int opcode, byte[] payload) {
		int length = payload.length;
		ByteBuffer frame = ByteBuffer.allocate(14 + length);
		frame.put((byte) ((fin ? 0x80 : 0) | opcode));
		if (length < 126) {
			frame.put((byte) (0x80 | length));
		}
		else if (length < 65536) {
			frame.put((byte) (0x80 | 126)).putShort((short) length);
		}
		else {
			frame.put((byte) (0x80 | 127)).putLong(length);
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.put(mask);
		for (int i = 0; i < length; i++) {
			frame.put((byte) (payload[i] ^ mask[i & 3]));
		}
		byte[] bytes = new byte[frame.position()];
		frame.flip().get(bytes);
		return bytes;
	}

	private static byte[] randomText(int length) {
		byte[] text = new byte[length];
		for (int i = 0; i < length; i++) {
			text[i] = (byte) ('a' + ThreadLocalRandom.current().nextInt(26));
		}
		return text;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** Hands out at most {@code chunk} bytes per read, as a socket may. */
	private static final class ChunkedInput extends ByteArrayInputStream {

		private final int chunk;

		ChunkedInput(byte[] bytes, int chunk) {
			super(bytes);
			this.chunk = chunk;
		}

		@Override
		public synchronized int read(byte[] b, int off, int len) {
			return super.read(b, off, Math.min(len, this.chunk));
		}

	}

	private static final class Recorder implements FrameDecoder.Frames {

		final List<byte[]> parts = new ArrayList<>();

		final List<Boolean> lasts = new ArrayList<>();

		final List<Boolean> texts = new ArrayList<>();

		final List<byte[]> pings = new ArrayList<>();

		final List<String> closes = new ArrayList<>();

		@Override
		public void onMessage(boolean text, byte[] part, boolean last) {
			this.parts.add(part);
			this.lasts.add(last);
			if (last) {
				this.texts.add(text);
			}
		}

		@Override
		public void onPing(byte[] payload) {
			this.pings.add(payload);
		}

		@Override
		public void onClose(int code, String reason) {
			this.closes.add(code + " " + reason);
		}

		/** The parts joined into messages. */
		List<byte[]> messages() {
			List<byte[]> messages = new ArrayList<>();
			ByteArrayOutputStream message = new ByteArrayOutputStream();
			for (int i = 0; i < this.parts.size(); i++) {
				message.writeBytes(this.parts.get(i));
				if (this.lasts.get(i)) {
					messages.add(message.toByteArray());
					message.reset();
				}
			}
			return messages;
		}

	}

}
