package dev.ipcframework.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.ipcframework.history.HistoryEntry;
import dev.ipcframework.history.HistoryPage;
import dev.ipcframework.history.Recovery;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;

/**
 * What the history script read of a channel in Redis: {@code <latest offset>\n<epoch>\n<oldest kept offset>\n},
 * then each entry as {@code <offset>\n<length>\n<frame>}. The epoch is empty when the channel has no history.
 *
 * @param latest the channel's latest position
 * @param oldestKept the offset of the oldest message kept, one past the latest when none is
 * @param entries what was read, oldest first, each frame with its position
 */
record StoredHistory(StreamPosition latest, long oldestKept, List<HistoryEntry> entries) {

	/** @throws IllegalArgumentException when the bytes are not of this form */
	static StoredHistory parse(byte[] bytes) {
		try {
			int[] at = { 0 };
			long latest = Long.parseLong(line(bytes, at));
			String epoch = line(bytes, at);
			long oldest = Long.parseLong(line(bytes, at));
			List<HistoryEntry> entries = new ArrayList<>();
			while (at[0] < bytes.length) {
				StreamPosition position = new StreamPosition(Long.parseLong(line(bytes, at)), epoch);
				int length = Integer.parseInt(line(bytes, at));
				byte[] frame = Arrays.copyOfRange(bytes, at[0], at[0] + length);
				at[0] += length;
				entries.add(new HistoryEntry(position, EnvelopeCodec.withPosition(frame, position), 0));
			}
			return new StoredHistory(new StreamPosition(latest, epoch), oldest, entries);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("not a channel history", ex);
		}
	}

	/**
	 * What a subscriber that last saw {@code since} missed, by the rules of the in-memory history: nothing when
	 * that is of another epoch, ahead of the channel, or older than what is kept.
	 */
	Recovery recovery(@Nullable StreamPosition since) {
		if (since == null || this.latest.epoch().isEmpty() || !this.latest.epoch().equals(since.epoch())
				|| since.offset() > this.latest.offset() || since.offset() + 1 < this.oldestKept) {
			return Recovery.failed(this.latest);
		}
		return new Recovery(true, this.entries, this.latest);
	}

	HistoryPage page() {
		return new HistoryPage(this.entries, this.latest);
	}

	private static String line(byte[] bytes, int[] at) {
		int end = KeptPublish.indexOf(bytes, at[0]);
		String text = new String(bytes, at[0], end - at[0], StandardCharsets.US_ASCII);
		at[0] = end + 1;
		return text;
	}

}
