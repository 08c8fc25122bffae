package dev.ipcframework.client;

import java.util.HashMap;
import java.util.Map;

import dev.ipcframework.protocol.StreamPosition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The last position the client saw on each subscribed channel, named as {@code since} when it subscribes again
 * after a reconnect, and the subscribes whose acknowledgement it awaits. A position comes from each positioned
 * publish and from each acknowledgement (the channel's latest, also when nothing was recovered).
 */
final class ChannelPositions {

	private final Map<String, StreamPosition> last = new HashMap<>();

	/** Subscribes sent and not yet acknowledged, by message id. */
	private final Map<String, Awaited> awaited = new HashMap<>();

	synchronized @Nullable StreamPosition last(String channel) {
		return this.last.get(channel);
	}

	/** A subscribe is about to be sent; its acknowledgement will update the channel's position. */
	synchronized void subscribing(String messageId, String channel, @Nullable StreamPosition since) {
		this.awaited.put(messageId, new Awaited(channel, since));
	}

	/**
	 * A positioned publish arrived.
	 * @return {@code false} when it was seen already (same epoch, not after the last position): a subscribe sent
	 * twice on one connection recovers the same messages twice, and the application gets them once
	 */
	synchronized boolean advance(String channel, StreamPosition position) {
		StreamPosition previous = this.last.get(channel);
		if (previous != null && previous.epoch().equals(position.epoch()) && position.offset() <= previous.offset()) {
			return false;
		}
		this.last.put(channel, position);
		return true;
	}

	/**
	 * A response arrived; when it acknowledges a subscribe, the channel's position becomes the one it names.
	 * @return the outcome when the subscribe asked to recover from a position, else {@code null}
	 */
	synchronized @Nullable ChannelRecovery acknowledged(String replyTo, JsonNode payload) {
		Awaited subscribe = this.awaited.remove(replyTo);
		StreamPosition latest = StreamPosition.from(payload);
		if (subscribe == null || latest == null || !"subscribed".equals(payload.path("status").asString(""))) {
			return null;
		}
		this.last.put(subscribe.channel(), latest);
		return (subscribe.since() != null) ? new ChannelRecovery(subscribe.channel(), subscribe.since(),
				payload.path("recovered").asBoolean(false), latest) : null;
	}

	/** The client left the channel: its position and awaited acknowledgements no longer matter. */
	synchronized void forget(String channel) {
		this.last.remove(channel);
		this.awaited.values().removeIf((subscribe) -> subscribe.channel().equals(channel));
	}

	/** A new connection: acknowledgements of subscribes sent on the old one will never come. */
	synchronized void newConnection() {
		this.awaited.clear();
	}

	private record Awaited(String channel, @Nullable StreamPosition since) {
	}

}
