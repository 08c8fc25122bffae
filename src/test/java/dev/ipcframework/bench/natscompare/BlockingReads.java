package dev.ipcframework.bench.natscompare;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads for handshakes and subscriptions on blocking sockets (whose read timeout bounds every call): read what is
 * there, in chunks rather than byte by byte, until a marker or a complete frame has arrived. Nothing follows the
 * awaited answer on the wire until the client sends again, so reading a whole chunk never takes a later message.
 */
final class BlockingReads {

	private BlockingReads() {
	}

	/** Reads into buffer after its first {@code length} bytes until marker occurs; returns the new length. */
	static int readUntil(InputStream in, byte[] buffer, int length, byte[] marker) throws IOException {
		int filled = length;
		while (AsciiBytes.indexOf(buffer, 0, filled, marker) < 0) {
			filled = readMore(in, buffer, filled);
		}
		return filled;
	}

	/** Reads at least one more byte into buffer after its first {@code length} bytes; returns the new length. */
	static int readMore(InputStream in, byte[] buffer, int length) throws IOException {
		if (length == buffer.length) {
			throw new IOException("answer longer than " + buffer.length + " bytes: "
					+ AsciiBytes.text(buffer, 0, Math.min(length, 200)));
		}
		int n = in.read(buffer, length, buffer.length - length);
		if (n < 0) {
			throw new EOFException("closed by the server" + ((length > 0)
					? " after: " + AsciiBytes.text(buffer, 0, Math.min(length, 200)) : ""));
		}
		return length + n;
	}

	static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
		int done = 0;
		while (done < length) {
			int n = in.read(buffer, offset + done, length - done);
			if (n < 0) {
				throw new EOFException("closed by the server");
			}
			done += n;
		}
	}

}
