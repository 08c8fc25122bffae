package dev.ipcframework.client;

import dev.ipcframework.protocol.StreamPosition;

/**
 * What came of subscribing again, after a reconnect, from the last position the client saw on a channel; see
 * {@link ConnectionListener#recovery}. When {@link #recovered()} is {@code false} the server could not send
 * everything that was missed (its history of the channel was lost, in a restart, or no longer reaches back to
 * {@code since}, or it keeps none): the application should reload what it shows from the channel, then go on
 * from {@link #position()}.
 *
 * @param channel the channel subscribed to again
 * @param since the last position the client had seen, named in the subscribe
 * @param recovered whether every message after {@code since} was delivered, before this event
 * @param position the channel's latest position, from which live messages follow
 */
public record ChannelRecovery(String channel, StreamPosition since, boolean recovered, StreamPosition position) {
}
