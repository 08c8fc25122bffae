package dev.ipcframework.presence;

import dev.ipcframework.connection.ConnectionHandle;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One subscriber of a channel, as the channel's presence shows it.
 *
 * @param connection the subscriber
 * @param info what it told others about itself when it subscribed ({@code "info"}), or {@code null}
 * @param wantsEvents whether it hears of others joining and leaving; only ever true for a connection that asked
 * for the keys beyond the seven, since the events are new to the protocol
 */
public record PresenceMember(ConnectionHandle connection, @Nullable JsonNode info, boolean wantsEvents) {
}
