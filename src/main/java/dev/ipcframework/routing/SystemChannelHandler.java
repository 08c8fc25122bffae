package dev.ipcframework.routing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.protocol.MessageType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers the {@code system} channel: the handshake ({@code connect}, authenticated through
 * {@link ConnectionAuthentication}), {@code ping}, {@code refresh}, and {@code serve} / {@code unserve} through
 * {@link ServeActionHandler}, and any further {@link SystemAction}.
 */
public class SystemChannelHandler {

	/** The capability of a client that takes the keys beyond the seven: positions and acknowledgements. */
	static final String OFFSETS = "offsets";

	private final ConnectionRegistry connections;

	private final ChannelRegistry channels;

	private final ReplySender replies;

	private final ServeActionHandler serving;

	private final ConnectionAuthentication authentication;

	private final Map<String, SystemAction> actions;

	public SystemChannelHandler(ConnectionRegistry connections, ChannelRegistry channels, ReplySender replies,
			ServeActionHandler serving, ConnectionAuthentication authentication, List<SystemAction> actions) {
		this.connections = connections;
		this.channels = channels;
		this.replies = replies;
		this.serving = serving;
		this.authentication = authentication;
		this.actions = actions.stream().collect(Collectors.toUnmodifiableMap(SystemAction::action, (a) -> a));
	}

	/**
	 * Handles the first frame of a connection, which must be a connect request; anything else, or a connection id
	 * already in use, is refused and the connection closed.
	 */
	public void handshake(ConnectionHandle connection, IpcEnvelope first) {
		if (!first.isSystem() || first.messageType() != MessageType.REQUEST || !"connect".equals(action(first))) {
			this.replies.fatal(connection, first, new IpcError(IpcErrorCode.NOT_CONNECTED,
					"the first frame must be a connect request on channel 'system'"));
			return;
		}
		if (first.appId().isEmpty()) {
			this.replies.fatal(connection, first,
					new IpcError(IpcErrorCode.BAD_FRAME, "connect request without an app_id"));
			return;
		}
		JsonNode requested = first.payload().get("connection_id");
		if (requested != null && !requested.isNull() && !requested.isString()) {
			this.replies.fatal(connection, first,
					new IpcError(IpcErrorCode.BAD_FRAME, "payload field 'connection_id' must be a string"));
			return;
		}
		String connectionId = (requested != null && requested.isString() && !requested.stringValue().isEmpty())
				? requested.stringValue() : IpcEnvelope.newMessageId();
		try {
			this.channels.requireApp(first.appId());
		}
		catch (IpcException ex) {
			this.replies.fatal(connection, first, ex.toError());
			return;
		}
		try {
			this.authentication.connect(connection, first);
		}
		catch (IpcException ex) {
			this.authentication.refuse(connection, first, ex.toError());
			return;
		}
		// before the connection can be found, let alone subscribe
		connection.receivesPositions(asksFor(first.payload(), OFFSETS));
		if (!this.connections.register(connection, connectionId, first.appId())) {
			this.replies.fatal(connection, first, new IpcError(IpcErrorCode.CONNECTION_ID_IN_USE,
					"connection id '" + connectionId + "' is held by another live connection"));
			return;
		}
		this.replies.send(connection, first.respond(connected(connectionId)));
		this.authentication.connected(connection);
	}

	/** The connection closed. */
	public void closed(ConnectionHandle connection) {
		this.authentication.closed(connection);
	}

	/** Answers a request on the {@code system} channel of a connected client. */
	public void request(ConnectionHandle connection, IpcEnvelope request) {
		String action = action(request);
		if ("ping".equals(action)) {
			ObjectNode pong = JsonNodeFactory.instance.objectNode();
			pong.put("status", "pong");
			pong.put("server_time", IpcEnvelope.now());
			this.replies.send(connection, request.respond(pong));
		}
		else if ("connect".equals(action)) {
			this.replies.send(connection, request.respond(connected(connection.id())));
		}
		else if (ConnectionAuthentication.REFRESH.equals(action)) {
			this.authentication.refresh(connection, request);
		}
		else if (ServeActionHandler.handles(action)) {
			this.serving.request(connection, request, action);
		}
		else if (action != null && this.actions.containsKey(action)) {
			this.replies.send(connection, request.respond(this.actions.get(action).answer(connection, request)));
		}
		else {
			this.replies.error(connection, request, new IpcError(IpcErrorCode.BAD_REQUEST,
					"unknown system action " + ((action != null) ? "'" + action + "'" : "(payload.action missing)")));
		}
	}

	/** Whether the connect payload's {@code capabilities} list names the capability; other entries are ignored. */
	private static boolean asksFor(JsonNode connectPayload, String capability) {
		JsonNode capabilities = connectPayload.get("capabilities");
		if (capabilities == null || !capabilities.isArray()) {
			return false;
		}
		for (JsonNode entry : capabilities) {
			if (entry.isString() && capability.equals(entry.stringValue())) {
				return true;
			}
		}
		return false;
	}

	private static JsonNode connected(@Nullable String connectionId) {
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("status", "connected");
		payload.put("connection_id", connectionId);
		return payload;
	}

	private static @Nullable String action(IpcEnvelope envelope) {
		JsonNode action = envelope.payload().get("action");
		return (action != null && action.isString()) ? action.stringValue() : null;
	}

}
