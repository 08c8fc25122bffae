package dev.ipcframework.transport.tcp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an NIO connection's reads are cut into: the same frames however the stream is split between reads.
 */
class FrameAssemblerTests {

	private static final int LIMIT = 1024;

	private final FrameAssembler assembler = new FrameAssembler(LIMIT);

	@Test
	void cutsEveryWholeFrameOutOfOneRead() throws Exception {
		byte[] stream = stream("one", "", "three");

		assertThat(frames(ByteBuffer.wrap(stream))).containsExactly("one", "", "three");
		assertThat(this.assembler.holdsPartialFrame()).isFalse();
	}

	@Test
	void givesTheSameFramesWhereverTwoReadsSplitTheStream() throws Exception {
		byte[] stream = stream("first", "x", "", "a longer third frame");
		for (int split = 0; split <= stream.length; split++) {
			FrameAssembler fresh = new FrameAssembler(LIMIT);
			List<String> frames = new ArrayList<>(frames(fresh, ByteBuffer.wrap(stream, 0, split)));
			frames.addAll(frames(fresh, ByteBuffer.wrap(stream, split, stream.length - split)));

			assertThat(frames).as("split at %d", split).containsExactly("first", "x", "", "a longer third frame");
			assertThat(fresh.holdsPartialFrame()).isFalse();
		}
	}

	@Test
	void holdsAFrameReadOneByteAtATime() throws Exception {
		byte[] stream = stream("byte by byte");
		List<String> frames = new ArrayList<>();
		for (int i = 0; i < stream.length; i++) {
			assertThat(this.assembler.holdsPartialFrame()).isEqualTo(i > 0);
			frames.addAll(frames(ByteBuffer.wrap(stream, i, 1)));
		}

		assertThat(frames).containsExactly("byte by byte");
	}

	@Test
	void refusesAFrameLongerThanTheLimitFromItsHeader() {
		ByteBuffer read = ByteBuffer.allocate(8).putInt(LIMIT + 1).putInt(0).flip();

		assertThatExceptionOfType(FrameTooLargeException.class).isThrownBy(() -> this.assembler.next(read))
			.satisfies((ex) -> assertThat(ex.length()).isEqualTo(LIMIT + 1));
	}

	@Test
	void readsTheLengthAsUnsigned() {
		ByteBuffer read = ByteBuffer.wrap(new byte[] { (byte) 0xFF, (byte) 0xFF });
		assertThat(catchTooLarge(read)).isNull();

		FrameTooLargeException tooLarge = catchTooLarge(ByteBuffer.wrap(new byte[] { (byte) 0xFF, (byte) 0xFF }));

		assertThat(tooLarge).isNotNull();
		assertThat(tooLarge.length()).isEqualTo(0xFFFF_FFFFL);
	}

	@Test
	void tellsWhetherTheRestOfAReadHoldsAWholeFrame() throws Exception {
		byte[] stream = stream("a", "bc");
		ByteBuffer read = ByteBuffer.wrap(stream, 0, stream.length - 1);

		assertThat(this.assembler.hasWholeFrame(read)).isTrue();
		assertThat(this.assembler.next(read)).isEqualTo(bytes("a"));
		assertThat(this.assembler.hasWholeFrame(read)).as("the second lacks its last byte").isFalse();
	}

	private FrameTooLargeException catchTooLarge(ByteBuffer read) {
		try {
			this.assembler.next(read);
			return null;
		}
		catch (FrameTooLargeException ex) {
			return ex;
		}
	}

	private List<String> frames(ByteBuffer read) throws FrameTooLargeException {
		return frames(this.assembler, read);
	}

	private static List<String> frames(FrameAssembler assembler, ByteBuffer read) throws FrameTooLargeException {
		List<String> frames = new ArrayList<>();
		byte[] frame;
		while ((frame = assembler.next(read)) != null) {
			frames.add(new String(frame, StandardCharsets.UTF_8));
		}
		assertThat(read.hasRemaining()).as("a read is used up").isFalse();
		return frames;
	}

	private static byte[] stream(String... frames) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (String frame : frames) {
			byte[] body = bytes(frame);
			out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
			out.writeBytes(body);
		}
		return out.toByteArray();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
