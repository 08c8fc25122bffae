package dev.ipcframework.history;

import java.util.List;

import dev.ipcframework.protocol.StreamPosition;

/**
 * Kept messages of one channel, as read by a client.
 *
 * @param entries oldest first
 * @param latest the channel's latest position
 */
public record HistoryPage(List<HistoryEntry> entries, StreamPosition latest) {
}
