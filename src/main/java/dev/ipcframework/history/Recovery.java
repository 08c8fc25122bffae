package dev.ipcframework.history;

import java.util.List;

import dev.ipcframework.protocol.StreamPosition;

/**
 * What a subscriber missed since the position it last saw.
 *
 * @param recovered whether {@code missed} is all it missed: false when it named no position, another epoch, or a
 * position older than what is kept (it should then reload its state)
 * @param missed the kept messages after its position, oldest first; empty unless recovered
 * @param latest the channel's latest position, which the last of {@code missed} has when there are any
 */
public record Recovery(boolean recovered, List<HistoryEntry> missed, StreamPosition latest) {

	public static Recovery failed(StreamPosition latest) {
		return new Recovery(false, List.of(), latest);
	}

}
