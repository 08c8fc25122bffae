package dev.ipcframework.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.actuate.IpcEndpoint;
import dev.ipcframework.actuate.IpcEndpoint.ConnectionReport;
import dev.ipcframework.actuate.IpcEndpoint.ConnectionsReport;
import dev.ipcframework.actuate.IpcEndpoint.IpcReport;
import dev.ipcframework.dashboard.ChannelTraffic.ChannelKey;
import dev.ipcframework.dashboard.ChannelTraffic.Counts;
import dev.ipcframework.dashboard.DashboardSnapshot.ChannelView;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.relay.RequestRelay;
import dev.ipcframework.routing.ChannelInfo;
import dev.ipcframework.stats.IpcStatistics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Takes a snapshot of the server once a second, keeps the last {@value #HISTORY_POINTS} chart points, and pushes
 * each snapshot to the pages that listen as a server-sent event. Rates are differences of the server's counters
 * over the server's clock, so a page shows right figures however late its browser runs its timers.
 * <p>
 * Events: {@code history} (the chart points so far) once when a page connects, then {@code snapshot} every second.
 */
public class DashboardFeed implements SmartLifecycle {

	/** Five minutes of points. */
	public static final int HISTORY_POINTS = 300;

	/** The most connections a snapshot lists; the count is always the whole. */
	public static final int MAX_CONNECTIONS = 500;

	private static final Duration TICK = Duration.ofSeconds(1);

	/** The browser reconnects after this, and a page that went away is forgotten. */
	private static final Duration EMITTER_TIMEOUT = Duration.ofMinutes(10);

	/** A poll of the snapshot keeps the connection list filled for this long. */
	private static final long POLLED_WATCH_NANOS = Duration.ofSeconds(5).toNanos();

	private static final Log logger = LogFactory.getLog(DashboardFeed.class);

	private final IpcEndpoint endpoint;

	private final RequestRelay relay;

	private final ChannelTraffic channelTraffic;

	private final HandlerLatency.@Nullable Source latency;

	private final Clock clock;

	private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

	private final ArrayDeque<DashboardPoint> history = new ArrayDeque<>();

	private volatile @Nullable DashboardSnapshot latest;

	private volatile long lastPolledNanos = System.nanoTime() - POLLED_WATCH_NANOS;

	private @Nullable Sample previous;

	private @Nullable ScheduledExecutorService scheduler;

	/** The counters a rate is the difference of. */
	private record Sample(long nanos, long messagesIn, long messagesOut, Map<IpcErrorCode, Long> errors,
			Map<ChannelKey, Counts> channels) {
	}

	public DashboardFeed(IpcEndpoint endpoint, RequestRelay relay, ChannelTraffic channelTraffic,
			HandlerLatency.@Nullable Source latency, Clock clock) {
		this.endpoint = endpoint;
		this.relay = relay;
		this.channelTraffic = channelTraffic;
		this.latency = latency;
		this.clock = clock;
	}

	/** A page listens: it gets the history at once, then a snapshot every second. */
	public SseEmitter subscribe() throws IOException {
		SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT.toMillis());
		emitter.onCompletion(() -> this.emitters.remove(emitter));
		emitter.onTimeout(() -> this.emitters.remove(emitter));
		emitter.onError((ex) -> this.emitters.remove(emitter));
		emitter.send(SseEmitter.event()
			.reconnectTime(TICK.toMillis())
			.name("history")
			.data(history(), MediaType.APPLICATION_JSON));
		DashboardSnapshot snapshot = this.latest;
		if (snapshot != null) {
			emitter.send(SseEmitter.event().name("snapshot").data(withConnections(snapshot), MediaType.APPLICATION_JSON));
		}
		this.emitters.add(emitter);
		return emitter;
	}

	/** The history and the latest snapshot, for a page that cannot use the event stream. */
	public DashboardState state() {
		this.lastPolledNanos = System.nanoTime();
		DashboardSnapshot snapshot = this.latest;
		return new DashboardState(history(), (snapshot != null) ? withConnections(snapshot) : null);
	}

	/**
	 * The chart points so far and the latest snapshot.
	 *
	 * @param history chart points, oldest first
	 * @param snapshot the latest snapshot, {@code null} in the first second
	 */
	public record DashboardState(List<DashboardPoint> history, @Nullable DashboardSnapshot snapshot) {
	}

	private List<DashboardPoint> history() {
		synchronized (this.history) {
			return List.copyOf(this.history);
		}
	}

	/** Listing every connection each second is work worth doing only while someone looks. */
	private boolean watched() {
		return !this.emitters.isEmpty() || System.nanoTime() - this.lastPolledNanos < POLLED_WATCH_NANOS;
	}

	private DashboardSnapshot withConnections(DashboardSnapshot snapshot) {
		return snapshot.connections().isEmpty() && snapshot.connectionCount() > 0
				? snapshot.withConnections(connections()) : snapshot;
	}

	private List<ConnectionReport> connections() {
		ConnectionsReport all = this.endpoint.section("connections");
		if (all == null) {
			return List.of();
		}
		List<ConnectionReport> list = all.connections();
		return (list.size() > MAX_CONNECTIONS) ? List.copyOf(list.subList(0, MAX_CONNECTIONS)) : list;
	}

	/** One second's work: a new sample, a point, a snapshot, and the snapshot to every page. */
	synchronized void tick() {
		long nanos = System.nanoTime();
		IpcReport report = this.endpoint.report();
		IpcStatistics totals = report.totals();
		Map<ChannelKey, Counts> channelCounts = new HashMap<>();
		report.apps().forEach((appId, app) -> app.channels().forEach((channel) -> {
			ChannelKey key = new ChannelKey(appId, channel.channelId());
			channelCounts.put(key, this.channelTraffic.counts(key));
		}));
		this.channelTraffic.retain(new HashSet<>(channelCounts.keySet()));
		Sample sample = new Sample(nanos, sum(totals.messagesReceived()), sum(totals.messagesSent()),
				new EnumMap<>(totals.errors()), channelCounts);
		Sample before = this.previous;
		this.previous = sample;
		HandlerLatency handlerLatency = (this.latency != null) ? this.latency.sinceLastCall() : null;
		if (before == null) {
			return;
		}
		double seconds = Math.max(1e-3, (nanos - before.nanos()) / 1e9);
		Map<IpcErrorCode, Double> errors = new EnumMap<>(IpcErrorCode.class);
		sample.errors().forEach((code, count) -> {
			if (count > 0) {
				errors.put(code, (count - before.errors().getOrDefault(code, 0L)) / seconds);
			}
		});
		DashboardPoint point = new DashboardPoint(this.clock.instant(),
				(sample.messagesIn() - before.messagesIn()) / seconds,
				(sample.messagesOut() - before.messagesOut()) / seconds, errors, report.connectionsByTransport(),
				handlerLatency);
		synchronized (this.history) {
			this.history.addLast(point);
			while (this.history.size() > HISTORY_POINTS) {
				this.history.removeFirst();
			}
		}
		List<ChannelView> channels = new ArrayList<>();
		report.apps().forEach((appId, app) -> {
			for (ChannelInfo channel : app.channels()) {
				ChannelKey key = new ChannelKey(appId, channel.channelId());
				Counts now = channelCounts.get(key);
				Counts then = before.channels().getOrDefault(key, now);
				channels.add(new ChannelView(appId, channel.channelId(), channel.subscribers(),
						this.relay.responderCount(appId, channel.channelId()), (now.in() - then.in()) / seconds,
						(now.out() - then.out()) / seconds));
			}
		});
		DashboardSnapshot snapshot = new DashboardSnapshot(point, totals, report.connections(),
				watched() ? connections() : List.of(), channels);
		this.latest = snapshot;
		for (SseEmitter emitter : this.emitters) {
			try {
				emitter.send(SseEmitter.event().name("snapshot").data(snapshot, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				// the page went away; the container calls the completion callback as well
				this.emitters.remove(emitter);
			}
		}
	}

	private static long sum(Map<?, Long> counts) {
		return counts.values().stream().mapToLong(Long::longValue).sum();
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ipc-dashboard");
			thread.setDaemon(true);
			return thread;
		});
		ticks.scheduleAtFixedRate(this::tickSafely, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
		this.scheduler = ticks;
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			// a failed tick must not end the schedule
			logger.warn("Dashboard snapshot failed", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		// open event streams would otherwise hold the web server's graceful shutdown until they time out
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
