package dev.ipcframework.presence;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.security.IpcPrincipal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One subscriber of a channel, as the channel's presence shows it.
 *
 * @param connection the subscriber
 * @param info what it told others about itself when it subscribed ({@code "info"}), or {@code null}
 * @param wantsEvents whether it hears of others joining and leaving; only ever true for a connection that asked
 * for the keys beyond the seven, since the events are new to the protocol
 */
public record PresenceMember(ConnectionHandle connection, @Nullable JsonNode info, boolean wantsEvents) {

	/** As a {@code presence} answer lists it: its connection id, the principal it authenticated as, its info. */
	public ObjectNode toJson() {
		ObjectNode subscriber = JsonNodeFactory.instance.objectNode();
		subscriber.put("connection_id", this.connection.id());
		IpcPrincipal principal = this.connection.principal();
		if (principal != null) {
			subscriber.put("principal", principal.name());
		}
		if (this.info != null) {
			subscriber.set("info", this.info);
		}
		return subscriber;
	}

}
