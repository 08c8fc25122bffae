package dev.ipcframework.transport.tcp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the TCP frame decoder over arbitrary byte streams. Whatever arrives, the decoder
 * returns frames exactly as the stream framed them and no longer than the limit, or fails with an
 * {@link IOException}: {@link FrameTooLargeException} straight from an oversized header (nothing of the body read,
 * nothing of its size allocated), {@link SoftEndOfStreamException} at a clean end between frames, a plain
 * {@code IOException} when the stream ends inside a frame. Any other exception or error fails the test.
 * <p>
 * In the normal build this runs on the seeds under {@code src/test/resources/.../LengthHeaderFrameCodecFuzzTestsInputs};
 * {@code JAZZER_FUZZ=1} fuzzes it (see docs/testing.md).
 */
class LengthHeaderFrameCodecFuzzTests {

	private static final int LIMIT = 4096;

	/** What decoding one frame may allocate beyond the frame itself: the header and bookkeeping. */
	private static final long ALLOCATION_SLACK = 8 * 1024;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final LengthHeaderFrameCodec codec = new LengthHeaderFrameCodec(LIMIT);

	@FuzzTest(maxDuration = "5s")
	void decodesFramesWithinTheLimitOrFailsWithAnIOException(byte[] stream) throws IOException {
		// the first pass loads and instruments whatever classes this input reaches; the second one is measured
		decode(stream, false);
		decode(stream, true);
	}

	private void decode(byte[] stream, boolean measured) throws IOException {
		ByteArrayInputStream in = new ByteArrayInputStream(stream);
		int offset = 0;
		while (true) {
			long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
			byte[] frame;
			try {
				frame = this.codec.deserialize(in);
			}
			catch (SoftEndOfStreamException ex) {
				assertThat(offset).as("clean end only between frames").isEqualTo(stream.length);
				return;
			}
			catch (FrameTooLargeException ex) {
				long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
				assertThat(ex.length()).isEqualTo(announcedLength(stream, offset)).isGreaterThan(LIMIT);
				assertThat(in.available()).as("nothing of the body read").isEqualTo(stream.length - offset - 4);
				assertThat(measured ? allocated : 0).as("bytes allocated refusing the frame").isLessThan(ALLOCATION_SLACK);
				return;
			}
			catch (IOException ex) {
				assertThat(ex).isExactlyInstanceOf(IOException.class);
				int left = stream.length - offset;
				assertThat(left).as("a truncated header or body")
					.isLessThan((left < 4) ? 4 : (int) (4 + announcedLength(stream, offset)));
				return;
			}
			long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
			assertThat(frame.length).isLessThanOrEqualTo(LIMIT);
			assertThat((long) frame.length).isEqualTo(announcedLength(stream, offset));
			assertThat(frame).isEqualTo(Arrays.copyOfRange(stream, offset + 4, offset + 4 + frame.length));
			assertThat(measured ? allocated : 0).as("bytes allocated for a frame of %d", frame.length)
				.isLessThan(frame.length + ALLOCATION_SLACK);
			offset += 4 + frame.length;
		}
	}

	private static long announcedLength(byte[] stream, int offset) {
		return Integer.toUnsignedLong(ByteBuffer.wrap(stream, offset, 4).getInt());
	}

}
