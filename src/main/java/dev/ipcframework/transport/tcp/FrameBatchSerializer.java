package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import org.springframework.core.serializer.Serializer;

/**
 * Writes the protocol's TCP framing (a 4-byte big-endian length, then the body) for one frame body or a
 * {@link FrameBatch}, always as a single write of one array, headers and bodies together: one system call per
 * batch, and no reply left waiting for Nagle's algorithm between a header and its body.
 */
public class FrameBatchSerializer implements Serializer<Object> {

	private static final int HEADER_BYTES = 4;

	@Override
	public void serialize(Object payload, OutputStream outputStream) throws IOException {
		if (payload instanceof byte[] body) {
			outputStream.write(ByteBuffer.allocate(HEADER_BYTES + body.length).putInt(body.length).put(body).array());
		}
		else if (payload instanceof FrameBatch batch) {
			int size = 0;
			for (byte[] body : batch.frames()) {
				size += HEADER_BYTES + body.length;
			}
			ByteBuffer frames = ByteBuffer.allocate(size);
			for (byte[] body : batch.frames()) {
				frames.putInt(body.length).put(body);
			}
			outputStream.write(frames.array());
		}
		else {
			throw new IllegalArgumentException("cannot frame a " + payload.getClass().getName());
		}
	}

}
