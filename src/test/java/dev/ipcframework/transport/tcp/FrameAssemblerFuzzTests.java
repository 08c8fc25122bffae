package dev.ipcframework.transport.tcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the NIO connections' frame assembly against the blocking connections' decoder: an
 * arbitrary byte stream, split into reads of arbitrary sizes, gives exactly the frames {@link LengthHeaderFrameCodec}
 * reads from it, in order; an oversized header fails both, at the same frame; and a stream that ends inside a frame
 * leaves the assembler holding it.
 * <p>
 * In the normal build this runs on the seeds under {@code src/test/resources/.../FrameAssemblerFuzzTestsInputs};
 * {@code JAZZER_FUZZ=1} fuzzes it (see docs/testing.md).
 */
class FrameAssemblerFuzzTests {

	private static final int LIMIT = 4096;

	@FuzzTest(maxDuration = "5s")
	void cutsTheFramesTheBlockingDecoderReadsWhereverReadsEnd(FuzzedDataProvider data) throws IOException {
		int[] readSizes = new int[data.consumeInt(1, 8)];
		for (int i = 0; i < readSizes.length; i++) {
			readSizes[i] = data.consumeInt(1, 2 * LIMIT);
		}
		byte[] stream = data.consumeRemainingAsBytes();

		Decoded expected = blocking(stream);
		Decoded assembled = assembled(stream, readSizes);

		assertThat(assembled.frames()).hasSameSizeAs(expected.frames());
		for (int i = 0; i < expected.frames().size(); i++) {
			assertThat(assembled.frames().get(i)).as("frame %d", i).isEqualTo(expected.frames().get(i));
		}
		assertThat(assembled.tooLarge()).isEqualTo(expected.tooLarge());
		assertThat(assembled.partial()).isEqualTo(expected.partial());
	}

	/** Frames, whether an oversized one ended them, and whether the stream ended inside a frame. */
	private record Decoded(List<byte[]> frames, boolean tooLarge, boolean partial) {
	}

	private static Decoded blocking(byte[] stream) {
		LengthHeaderFrameCodec codec = new LengthHeaderFrameCodec(LIMIT);
		ByteArrayInputStream in = new ByteArrayInputStream(stream);
		List<byte[]> frames = new ArrayList<>();
		while (in.available() > 0) {
			try {
				frames.add(codec.deserialize(in));
			}
			catch (FrameTooLargeException ex) {
				return new Decoded(frames, true, false);
			}
			catch (IOException ex) {
				return new Decoded(frames, false, true);
			}
		}
		return new Decoded(frames, false, false);
	}

	private static Decoded assembled(byte[] stream, int[] readSizes) {
		FrameAssembler assembler = new FrameAssembler(LIMIT);
		List<byte[]> frames = new ArrayList<>();
		int offset = 0;
		for (int read = 0; offset < stream.length; read++) {
			int size = Math.min(readSizes[read % readSizes.length], stream.length - offset);
			ByteBuffer buffer = ByteBuffer.wrap(stream, offset, size);
			try {
				byte[] frame;
				while ((frame = assembler.next(buffer)) != null) {
					frames.add(frame);
				}
			}
			catch (FrameTooLargeException ex) {
				return new Decoded(frames, true, false);
			}
			assertThat(buffer.hasRemaining()).as("a read is used up").isFalse();
			offset += size;
		}
		return new Decoded(frames, false, assembler.holdsPartialFrame());
	}

}
