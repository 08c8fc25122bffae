package dev.ipcframework.actuate;

/**
 * Names and tag keys of the server's Micrometer meters, as listed in docs/metrics.md.
 */
public final class IpcMeterNames {

	public static final String CONNECTIONS_ACTIVE = "ipc.connections.active";

	public static final String CONNECTIONS_OPENED = "ipc.connections.opened";

	public static final String CONNECTIONS_CLOSED = "ipc.connections.closed";

	public static final String MESSAGES_RECEIVED = "ipc.messages.received";

	public static final String MESSAGES_SENT = "ipc.messages.sent";

	public static final String RECEIVED_BYTES = "ipc.received.bytes";

	public static final String SENT_BYTES = "ipc.sent.bytes";

	public static final String HANDLER_DURATION = "ipc.handler.duration";

	public static final String ERRORS = "ipc.errors";

	public static final String PUBLISHES_DELIVERED = "ipc.publishes.delivered";

	public static final String MESSAGES_DROPPED = "ipc.messages.dropped";

	public static final String SLOW_CONSUMERS = "ipc.slow.consumers.disconnected";

	public static final String HISTORY_MESSAGES = "ipc.history.messages";

	public static final String HISTORY_BYTES = "ipc.history.bytes";

	public static final String HISTORY_CHANNELS = "ipc.history.channels";

	public static final String HISTORY_REFUSED = "ipc.history.refused";

	/** With the cluster on: publishes from this node that Redis kept. */
	public static final String HISTORY_KEPT = "ipc.history.kept";

	/** With the cluster on: history operations that Redis failed or did not answer in time. */
	public static final String HISTORY_REDIS_FAILURES = "ipc.history.redis.failures";

	public static final String TAG_APP = "app";

	public static final String TAG_CHANNEL = "channel";

	public static final String TAG_TYPE = "type";

	public static final String TAG_TRANSPORT = "transport";

	public static final String TAG_CODE = "code";

	public static final String TAG_OUTCOME = "outcome";

	public static final String TAG_OPERATION = "operation";

	private IpcMeterNames() {
	}

}
