package dev.ipcframework.routing;

import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a {@code subscribe} payload may ask for besides the subscription, read liberally: a field of the wrong type
 * counts as absent. Original clients send only {@code connection_id}, which is ignored.
 *
 * @param since {@code "since": {"offset": N, "epoch": "E"}}: the last position the subscriber saw, to recover what
 * it missed
 * @param info {@code "info"}: what the subscriber tells others about itself in the channel's presence
 * @param presenceEvents {@code "presence_events": true}: whether it wants to hear of others joining and leaving
 */
record SubscribeRequest(@Nullable StreamPosition since, @Nullable JsonNode info, boolean presenceEvents) {

	static SubscribeRequest from(JsonNode payload) {
		JsonNode info = payload.get("info");
		JsonNode presenceEvents = payload.get("presence_events");
		return new SubscribeRequest(StreamPosition.from(payload.get("since")),
				(info != null && !info.isNull()) ? info : null,
				presenceEvents != null && presenceEvents.isBoolean() && presenceEvents.booleanValue());
	}

}
