package dev.ipcframework.protocol;

/**
 * Error codes carried in {@code {"error": {"code": ..., "message": ...}}} payloads.
 */
public enum IpcErrorCode {

	/** Unparseable JSON, a missing field or a field of the wrong type. */
	BAD_FRAME,
	/** A frame longer than the configured maximum; the connection is closed. */
	FRAME_TOO_LARGE,
	/** A frame other than the connect request arrived before the handshake. */
	NOT_CONNECTED,
	/** The handshake named a connection id that a live connection already holds. */
	CONNECTION_ID_IN_USE,
	/** Nothing handles requests on the channel. */
	NO_HANDLER,
	/** The handler threw an exception. */
	HANDLER_ERROR,
	/** The payload could not be bound to the handler's parameter, or failed validation. */
	BAD_REQUEST,
	/** The application is not declared and applications are not created on first use. */
	UNKNOWN_APP,
	/** The channel is not declared and channels are not created on first use. */
	UNKNOWN_CHANNEL,
	/** A request took too long, or no connect request arrived in time. */
	TIMEOUT,
	UNAUTHORIZED,
	/** The connection may not act on this application or channel. */
	FORBIDDEN,
	/** The connection sent more messages per second than it may; the message was not handled. */
	RATE_LIMITED,
	/** The server has as many connections as it may hold. */
	TOO_MANY_CONNECTIONS,
	/** The connection holds as many subscriptions as it may. */
	TOO_MANY_SUBSCRIPTIONS,
	/** The application has as many channels as it may; a channel it does not have yet cannot be added. */
	TOO_MANY_CHANNELS,
	/** A channel id longer than the configured maximum. */
	CHANNEL_NAME_TOO_LONG,
	/** A connect request whose app id is longer than the configured maximum; the connection is closed. */
	APP_ID_TOO_LONG,
	/** The server is draining before it stops; reconnect later. */
	SHUTTING_DOWN,
	/** The connection did not read its messages fast enough and was closed. */
	SLOW_CONSUMER,
	/** The client serving a relayed request disconnected before answering it. */
	RESPONDER_GONE

}
