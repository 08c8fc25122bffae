package dev.ipcframework.stats;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionObserver;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.MessageType;

/**
 * The one recorder the server calls: counts what passes through it, in total, per application and per connection,
 * and forwards what it keeps no count of (channels, handler times) to {@link IpcMetricsListener}s such as the
 * Micrometer meters. Contention-free on the hot path ({@link LongAdder}); a thread handling a burst of frames
 * counts the burst's messages and bytes itself and adds them when the burst ends, before its replies are written
 * ({@link BurstCounts}). Read through {@link #snapshot()}.
 */
public class StatisticsCollector implements ConnectionObserver {

	/** The app of frames that arrive before a handshake named one. */
	public static final String NO_APP = "none";

	private final Map<Transport, LongAdder> opened = Counters.of(Transport.class);

	private final Map<Transport, LongAdder> closed = Counters.of(Transport.class);

	private final Map<Transport, LongAdder> slowConsumers = Counters.of(Transport.class);

	private final Map<MessageType, LongAdder> received = Counters.of(MessageType.class);

	private final Map<MessageType, LongAdder> sent = Counters.of(MessageType.class);

	private final Map<IpcErrorCode, LongAdder> errors = Counters.of(IpcErrorCode.class);

	private final LongAdder delivered = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final Map<String, AppTraffic> apps = new ConcurrentHashMap<>();

	private final ThreadLocal<BurstCounts> burstCounts = ThreadLocal.withInitial(() -> new BurstCounts(this));

	/** Read for every message, written once per listener: an array, so that reading allocates no iterator. */
	private volatile IpcMetricsListener[] listeners = new IpcMetricsListener[0];

	/** Adds a listener; it sees the events from now on. */
	public synchronized void addListener(IpcMetricsListener listener) {
		IpcMetricsListener[] more = Arrays.copyOf(this.listeners, this.listeners.length + 1);
		more[more.length - 1] = listener;
		this.listeners = more;
	}

	public void connectionOpened(Transport transport) {
		this.opened.get(transport).increment();
	}

	public void connectionClosed(Transport transport) {
		this.closed.get(transport).increment();
	}

	/** A frame arrived, before it is decoded. */
	public void frameReceived(ConnectionHandle connection, int bytes) {
		String appId = appOf(connection);
		connection.traffic().frameIn(bytes);
		BurstCounts burst = this.burstCounts.get();
		if (burst.deferring()) {
			burst.bytesReceived(appId, connection.transport(), bytes);
		}
		else {
			addBytesReceived(appId, connection.transport(), bytes);
		}
	}

	void addBytesReceived(String appId, Transport transport, long bytes) {
		app(appId).bytesReceived(bytes);
		for (IpcMetricsListener listener : this.listeners) {
			listener.bytesReceived(appId, transport, bytes);
		}
	}

	/** A frame decoded into this message. */
	public void received(ConnectionHandle connection, IpcEnvelope message) {
		connection.traffic().messageIn();
		BurstCounts burst = this.burstCounts.get();
		if (burst.deferring()) {
			burst.received(appOf(connection), message.channelId(), message.messageType());
		}
		else {
			addMessages(appOf(connection), message.channelId(), message.messageType(), 1, 0);
		}
	}

	/** {@code count} copies of a message were queued to connections of {@code appId}. */
	public void sent(String appId, IpcEnvelope message, int count) {
		if (count == 0) {
			return;
		}
		BurstCounts burst = this.burstCounts.get();
		if (burst.deferring()) {
			burst.sent(appId, message.channelId(), message.messageType(), count);
		}
		else {
			addMessages(appId, message.channelId(), message.messageType(), 0, count);
		}
	}

	void addMessages(String appId, String channelId, MessageType type, int received, int sent) {
		AppTraffic app = app(appId);
		if (received > 0) {
			this.received.get(type).add(received);
			app.received(type, received);
			for (IpcMetricsListener listener : this.listeners) {
				listener.messagesReceived(appId, channelId, type, received);
			}
		}
		if (sent > 0) {
			this.sent.get(type).add(sent);
			app.sent(type, sent);
			for (IpcMetricsListener listener : this.listeners) {
				listener.messagesSent(appId, channelId, type, sent);
			}
		}
	}

	/** A message was queued to this connection. */
	public void sent(ConnectionHandle connection, IpcEnvelope message) {
		sent(appOf(connection), message, 1);
	}

	@Override
	public void framesSent(ConnectionHandle connection, int frames, long bytes) {
		String appId = appOf(connection);
		connection.traffic().framesOut(frames, bytes);
		app(appId).bytesSent(bytes);
		for (IpcMetricsListener listener : this.listeners) {
			listener.bytesSent(appId, connection.transport(), bytes);
		}
	}

	@Override
	public void slowConsumerClosed(ConnectionHandle connection) {
		this.slowConsumers.get(connection.transport()).increment();
		// it is told so with a SLOW_CONSUMER error before the close
		error(IpcErrorCode.SLOW_CONSUMER);
	}

	@Override
	public void messagesDropped(ConnectionHandle connection, int count) {
		dropped(count);
	}

	public void error(IpcErrorCode code) {
		this.errors.get(code).increment();
	}

	/** A handler returned or failed after {@code nanos}. */
	public void handlerCompleted(String appId, String channelId, MessageType type, long nanos, boolean succeeded) {
		BurstCounts burst = this.burstCounts.get();
		if (burst.deferring()) {
			burst.handlerCompleted(appId, channelId, type, nanos, succeeded);
		}
		else {
			addHandlerTime(appId, channelId, type, nanos, succeeded);
		}
	}

	void addHandlerTime(String appId, String channelId, MessageType type, long nanos, boolean succeeded) {
		for (IpcMetricsListener listener : this.listeners) {
			listener.handlerCompleted(appId, channelId, type, nanos, succeeded);
		}
	}

	/** Publishes handed to subscribers (one per subscriber). */
	public void delivered(int subscribers) {
		this.delivered.add(subscribers);
	}

	/** A message accepted but not delivered (unsolicited responses, full send buffers). */
	public void dropped() {
		dropped(1);
	}

	public void dropped(int count) {
		this.dropped.add(count);
	}

	public IpcStatistics snapshot() {
		return new IpcStatistics(Counters.sums(this.opened), Counters.sums(this.closed),
				Counters.sums(this.received), Counters.sums(this.sent), Counters.sums(this.errors),
				this.delivered.sum(), this.dropped.sum(), Counters.sums(this.slowConsumers));
	}

	/** Per application, in name order. */
	public Map<String, AppStatistics> applications() {
		Map<String, AppStatistics> snapshot = new TreeMap<>();
		this.apps.forEach((appId, traffic) -> snapshot.put(appId, traffic.snapshot()));
		return snapshot;
	}

	/** Connections open now on one transport, handshake done or not. */
	public long activeConnections(Transport transport) {
		return this.opened.get(transport).sum() - this.closed.get(transport).sum();
	}

	public long connectionsOpened(Transport transport) {
		return this.opened.get(transport).sum();
	}

	public long connectionsClosed(Transport transport) {
		return this.closed.get(transport).sum();
	}

	public long slowConsumersClosed(Transport transport) {
		return this.slowConsumers.get(transport).sum();
	}

	public long errors(IpcErrorCode code) {
		return this.errors.get(code).sum();
	}

	public long publishesDelivered() {
		return this.delivered.sum();
	}

	public long messagesDropped() {
		return this.dropped.sum();
	}

	private AppTraffic app(String appId) {
		AppTraffic traffic = this.apps.get(appId);
		return (traffic != null) ? traffic : this.apps.computeIfAbsent(appId, (id) -> new AppTraffic());
	}

	/** A registered connection's app; only those count under their own name, so clients cannot invent tags. */
	private static String appOf(ConnectionHandle connection) {
		String appId = connection.appId();
		return (appId != null) ? appId : NO_APP;
	}

}
