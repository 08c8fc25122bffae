package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One unpaced publisher, {@code subscribers} subscribers read by a few selector threads, and optionally one stalled
 * subscriber. After the window the publisher stops; the run then waits (up to the straggler time) until every
 * subscriber has every publish or was disconnected, and counts what never arrived. Against a cluster the nodes are
 * given in order: the publisher (and the stalled subscriber) on the first, the subscribers in turn on each.
 */
final class FanoutLoad implements AutoCloseable {

	private static final String APP = "bench";

	/** How the results name what was measured: the wire's name, or the cluster's. */
	private final String server;

	private final List<WireProtocol> nodes;

	private final String channel;

	private final int subscriberCount;

	private final boolean withStalled;

	private final int readerThreads;

	private final Duration stragglers;

	private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

	private final List<Selector> selectors = new CopyOnWriteArrayList<>();

	private volatile WireConnection publisherConnection;

	private volatile StalledSubscriber stalled;

	private volatile boolean stopped;

	FanoutLoad(String server, List<WireProtocol> nodes, String channel, int subscribers, boolean withStalled,
			int readerThreads, Duration stragglers) {
		this.server = server;
		this.nodes = List.copyOf(nodes);
		this.channel = channel;
		this.subscriberCount = subscribers;
		this.withStalled = withStalled;
		this.readerThreads = Math.max(1, Math.min(readerThreads, subscribers));
		this.stragglers = stragglers;
	}

	FanoutResult run(Duration warmup, Duration measure) throws InterruptedException {
		try {
			return measure(warmup, measure);
		}
		catch (IOException | RuntimeException ex) {
			return FanoutResult.failed(this.server, this.subscriberCount, this.withStalled, ex.toString());
		}
		finally {
			close();
		}
	}

	private FanoutResult measure(Duration warmup, Duration measure) throws IOException, InterruptedException {
		for (int i = 0; i < this.subscriberCount && !this.stopped; i++) {
			WireProtocol node = this.nodes.get(i % this.nodes.size());
			SocketChannel channel = node.open(APP, 0);
			Subscriber subscriber = new Subscriber(new WireConnection(channel, node, 128 * 1024, 1024), node);
			this.subscribers.add(subscriber);
			node.subscribe(channel.socket(), this.channel);
		}
		WireProtocol first = this.nodes.get(0);
		if (this.withStalled) {
			this.stalled = new StalledSubscriber(first, APP, this.channel);
		}
		this.publisherConnection = new WireConnection(first.open(APP, 0), first, 64 * 1024, 1024);
		if (this.nodes.size() > 1) {
			// the answer to a subscribe comes from the subscriber's node; the other nodes learn of it through Redis a
			// moment later, and a publish before that would be counted as lost
			Thread.sleep(1_000);
		}

		Window window = Window.fromNow(warmup, measure);
		List<Thread> readers = startReaders(window);
		UnpacedPublisher publisher = new UnpacedPublisher(this.publisherConnection,
				first.publishTemplate(this.channel), window);
		Thread publishing = new Thread(publisher, "publisher-" + this.server);
		publishing.setDaemon(true);
		publishing.start();

		long publisherDeadline = window.measureEnd() + TimeUnit.SECONDS.toNanos(10);
		while (publishing.isAlive() && System.nanoTime() < publisherDeadline) {
			probeStalled();
			publishing.join(100);
		}
		if (publishing.isAlive()) {
			return FanoutResult.failed(this.server, this.subscriberCount, this.withStalled,
					"publisher did not stop in time");
		}
		long published = publisher.published();
		long waitUntil = System.nanoTime() + this.stragglers.toNanos();
		long lastTotal = -1;
		long lastProgress = System.nanoTime();
		while (System.nanoTime() < waitUntil && !(allCaughtUp(published) && stalledSettled())) {
			probeStalled();
			long total = delivered();
			if (total != lastTotal) {
				lastTotal = total;
				lastProgress = System.nanoTime();
			}
			Thread.sleep(50);
		}
		probeStalled();
		long last = delivered();
		boolean stillArriving = last != lastTotal || System.nanoTime() - lastProgress < TimeUnit.MILLISECONDS.toNanos(500);
		this.stopped = true;
		for (Thread reader : readers) {
			reader.join(5_000);
		}
		return result(window, publisher, published, stillArriving && !allCaughtUp(published));
	}

	private long delivered() {
		long total = 0;
		for (Subscriber subscriber : this.subscribers) {
			total += subscriber.received();
		}
		return total;
	}

	private FanoutResult result(Window window, UnpacedPublisher publisher, long published, boolean stillArriving) {
		long deliveredInWindow = 0;
		long delivered = 0;
		int disconnected = 0;
		String reason = null;
		boolean complete = true;
		boolean inOrder = true;
		for (Subscriber subscriber : this.subscribers) {
			deliveredInWindow += subscriber.receivedInWindow();
			delivered += subscriber.received();
			if (subscriber.disconnectReason() != null) {
				disconnected++;
				reason = (reason != null) ? reason : subscriber.disconnectReason();
			}
			complete &= subscriber.complete(published);
			inOrder &= subscriber.inOrder();
		}
		double cutOff = -1;
		double watched = window.secondsSinceStart(System.nanoTime());
		String stalledNotice = null;
		if (this.stalled != null) {
			cutOff = this.stalled.cutOffSeconds(window);
			stalledNotice = this.stalled.readBacklog();
		}
		String failure = (publisher.failure() != null) ? "publisher: " + publisher.failure() : null;
		if (failure == null && publisher.notice() != null) {
			failure = "publisher got: " + publisher.notice();
		}
		return new FanoutResult(this.server, this.subscriberCount, this.withStalled, published,
				publisher.publishedInWindow(), deliveredInWindow, delivered, window.measuredSeconds(),
				published * this.subscriberCount - delivered, stillArriving, disconnected, reason, complete, inOrder,
				cutOff, watched, stalledNotice, failure);
	}

	private List<Thread> startReaders(Window window) throws IOException {
		List<List<Subscriber>> shares = new ArrayList<>();
		for (int t = 0; t < this.readerThreads; t++) {
			shares.add(new ArrayList<>());
		}
		for (int i = 0; i < this.subscribers.size(); i++) {
			shares.get(i % this.readerThreads).add(this.subscribers.get(i));
		}
		List<Thread> readers = new ArrayList<>();
		for (int t = 0; t < this.readerThreads; t++) {
			Selector selector = Selector.open();
			this.selectors.add(selector);
			for (Subscriber subscriber : shares.get(t)) {
				subscriber.register(selector, window);
			}
			Thread reader = new Thread(() -> read(selector), "subscribers-" + this.server + "-" + t);
			reader.setDaemon(true);
			reader.start();
			readers.add(reader);
		}
		return readers;
	}

	private void read(Selector selector) {
		try {
			while (!this.stopped) {
				selector.select((key) -> ((Subscriber) key.attachment()).handle(key), 20);
			}
		}
		catch (IOException | ClosedSelectorException ex) {
			// closed by close(): the run is over
		}
	}

	private boolean allCaughtUp(long published) {
		for (Subscriber subscriber : this.subscribers) {
			if (!subscriber.caughtUp(published)) {
				return false;
			}
		}
		return true;
	}

	private boolean stalledSettled() {
		return this.stalled == null || this.stalled.cutOff();
	}

	private void probeStalled() {
		if (this.stalled != null) {
			this.stalled.probe(System.nanoTime());
		}
	}

	@Override
	public void close() {
		this.stopped = true;
		for (Selector selector : this.selectors) {
			try {
				selector.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		for (Subscriber subscriber : this.subscribers) {
			subscriber.close();
		}
		if (this.publisherConnection != null) {
			this.publisherConnection.close();
		}
		if (this.stalled != null) {
			this.stalled.close();
		}
	}

}
