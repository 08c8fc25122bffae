package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

import org.springframework.integration.ip.tcp.serializer.ByteArrayLengthHeaderSerializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * The protocol's TCP framing: a 4-byte big-endian unsigned length, then that many bytes. The length is read as
 * unsigned and checked against the limit before anything of that size is allocated; an oversized frame fails with
 * {@link FrameTooLargeException} so that the connection can be answered before it is closed.
 */
public class LengthHeaderFrameCodec extends ByteArrayLengthHeaderSerializer {

	public LengthHeaderFrameCodec(int maxFrameSize) {
		super(HEADER_SIZE_INT);
		setMaxMessageSize(maxFrameSize);
	}

	@Override
	public byte[] deserialize(InputStream inputStream) throws IOException {
		byte[] header = new byte[HEADER_SIZE_INT];
		if (read(inputStream, header, true) < 0) {
			throw new SoftEndOfStreamException("Stream closed between frames");
		}
		long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).getInt());
		if (length > getMaxMessageSize()) {
			throw new FrameTooLargeException(length, getMaxMessageSize());
		}
		byte[] body = new byte[(int) length];
		read(inputStream, body, false);
		return body;
	}

}
