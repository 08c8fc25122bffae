package dev.ipcframework.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.ipcframework.protocol.StreamPosition;

/**
 * A publish kept in its channel's history, as Redis hands it to the nodes: {@code <offset>\n<epoch>\n<frame>}, the
 * frame as connections without {@code offsets} receive it.
 *
 * @param position its place in the channel's history
 * @param frame the encoded publish, without its position
 */
record KeptPublish(StreamPosition position, byte[] frame) {

	/** @throws IllegalArgumentException when the bytes are not of this form */
	static KeptPublish parse(byte[] bytes) {
		int offsetEnd = indexOf(bytes, 0);
		int epochEnd = indexOf(bytes, offsetEnd + 1);
		try {
			long offset = Long.parseLong(new String(bytes, 0, offsetEnd, StandardCharsets.US_ASCII));
			String epoch = new String(bytes, offsetEnd + 1, epochEnd - offsetEnd - 1, StandardCharsets.US_ASCII);
			return new KeptPublish(new StreamPosition(offset, epoch),
					Arrays.copyOfRange(bytes, epochEnd + 1, bytes.length));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a kept publish", ex);
		}
	}

	/** The index of the first newline at or after {@code from}. */
	static int indexOf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				return i;
			}
		}
		throw new IllegalArgumentException("no newline after index " + from);
	}

}
