package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop request/response: {@code connections} connections each keep {@code inFlight} requests outstanding and
 * send the next one in a slot as soon as that slot's reply arrives. A few selector threads drive all connections,
 * so 256 connections cost no more client threads than one. Replies read in the measured window are counted, and
 * their latency recorded from the moment the request was queued for writing to the moment its reply was read.
 */
final class RequestReplyLoad implements AutoCloseable {

	/** After the window, how long outstanding requests may take to come back before the run gives up on them. */
	private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final long FREE = Long.MIN_VALUE;

	private final WireProtocol wire;

	private final int connections;

	private final int inFlight;

	private final int threads;

	private final List<WireConnection> opened = new CopyOnWriteArrayList<>();

	private final List<Selector> selectors = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	RequestReplyLoad(WireProtocol wire, int connections, int inFlight, int threads) {
		this.wire = wire;
		this.connections = connections;
		this.inFlight = inFlight;
		this.threads = Math.max(1, Math.min(threads, connections));
	}

	RequestReplyResult run(Duration warmup, Duration measure) throws InterruptedException {
		List<Requester> requesters = new ArrayList<>();
		try {
			for (int i = 0; i < this.connections && !this.closed; i++) {
				SocketChannel channel = this.wire.open(IpcEnvelopes.ECHO_APP, 0);
				FrameTemplate template = this.wire.requestTemplate(i);
				WireConnection connection = new WireConnection(channel, this.wire, 64 * 1024,
						this.inFlight * template.length() + 4096);
				this.opened.add(connection);
				this.wire.prepareRequester(channel.socket(), i);
				requesters.add(new Requester(connection, template));
			}
		}
		catch (IOException | RuntimeException ex) {
			close();
			String reason = (ex instanceof IOException) ? ex.getMessage() : ex.toString();
			return RequestReplyResult.failed(this.wire.name(), this.connections, this.inFlight,
					"connection " + (requesters.size() + 1) + ": " + reason);
		}
		try {
			Window window = Window.fromNow(warmup, measure);
			List<Worker> workers = new ArrayList<>();
			for (int t = 0; t < this.threads; t++) {
				List<Requester> mine = new ArrayList<>();
				for (int i = t; i < requesters.size(); i += this.threads) {
					mine.add(requesters.get(i));
				}
				Selector selector = Selector.open();
				this.selectors.add(selector);
				workers.add(new Worker(selector, mine, window));
			}
			List<Thread> running = new ArrayList<>();
			for (int t = 0; t < workers.size(); t++) {
				Thread thread = new Thread(workers.get(t), "requesters-" + this.wire.name() + "-" + t);
				thread.setDaemon(true);
				thread.start();
				running.add(thread);
			}
			long deadline = window.measureEnd() + DRAIN_NANOS + TimeUnit.SECONDS.toNanos(10);
			for (Thread thread : running) {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
				if (thread.isAlive()) {
					return RequestReplyResult.failed(this.wire.name(), this.connections, this.inFlight,
							"requester thread did not finish in time");
				}
			}
			LatencyHistogram latencies = new LatencyHistogram();
			long errors = 0;
			long unanswered = 0;
			for (Worker worker : workers) {
				if (worker.failure != null) {
					return RequestReplyResult.failed(this.wire.name(), this.connections, this.inFlight,
							worker.failure.toString());
				}
				latencies.add(worker.latencies);
			}
			String closedByServer = null;
			for (Requester requester : requesters) {
				errors += requester.errorReplies;
				unanswered += requester.outstanding;
				if (requester.closedByServer && closedByServer == null) {
					closedByServer = "a connection was closed by the server";
				}
			}
			return new RequestReplyResult(this.wire.name(), this.connections, this.inFlight, latencies.count(),
					window.measuredSeconds(), latencies, errors, unanswered, closedByServer);
		}
		catch (IOException ex) {
			return RequestReplyResult.failed(this.wire.name(), this.connections, this.inFlight, ex.toString());
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		for (WireConnection connection : this.opened) {
			connection.close();
		}
		for (Selector selector : this.selectors) {
			try {
				selector.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
	}

	/** One thread's share of the connections, and the latencies it recorded. */
	private final class Worker implements Runnable {

		private final Selector selector;

		private final List<Requester> requesters;

		private final Window window;

		private final LatencyHistogram latencies = new LatencyHistogram();

		private volatile Throwable failure;

		Worker(Selector selector, List<Requester> requesters, Window window) {
			this.selector = selector;
			this.requesters = requesters;
			this.window = window;
		}

		@Override
		public void run() {
			try {
				for (Requester requester : this.requesters) {
					requester.start(this.selector, this.window, this.latencies);
				}
				while (!RequestReplyLoad.this.closed) {
					this.selector.select(this::handle, 10);
					long now = System.nanoTime();
					if (now >= this.window.measureEnd() && (now >= this.window.measureEnd() + DRAIN_NANOS || answered())) {
						return;
					}
				}
			}
			catch (IOException | UncheckedIOException | java.nio.channels.ClosedSelectorException ex) {
				if (!RequestReplyLoad.this.closed) {
					this.failure = ex;
				}
			}
		}

		private void handle(SelectionKey key) {
			try {
				((Requester) key.attachment()).handle(key);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private boolean answered() {
			for (Requester requester : this.requesters) {
				if (requester.outstanding > 0 && !requester.closedByServer) {
					return false;
				}
			}
			return true;
		}

	}

	/** One connection's in-flight slots: when each slot's request was sent. */
	private final class Requester implements FrameSink {

		private final WireConnection connection;

		private final FrameTemplate template;

		private final long[] sentAt;

		private final byte[] pong = RequestReplyLoad.this.wire.pong();

		private Window window;

		private LatencyHistogram latencies;

		private long now;

		private long sequence;

		private int outstanding;

		private long errorReplies;

		private boolean closedByServer;

		Requester(WireConnection connection, FrameTemplate template) {
			this.connection = connection;
			this.template = template;
			this.sentAt = new long[RequestReplyLoad.this.inFlight];
			java.util.Arrays.fill(this.sentAt, FREE);
		}

		void start(Selector selector, Window window, LatencyHistogram latencies) throws IOException {
			this.window = window;
			this.latencies = latencies;
			this.connection.register(selector, this);
			long start = System.nanoTime();
			for (int slot = 0; slot < this.sentAt.length; slot++) {
				send(slot, start);
			}
			this.connection.flush();
		}

		void handle(SelectionKey key) throws IOException {
			if (key.isReadable()) {
				if (this.connection.fill() < 0) {
					this.closedByServer = true;
					key.cancel();
					return;
				}
				this.now = System.nanoTime();
				this.connection.drain(this);
				this.connection.flush();
			}
			if (key.isValid() && key.isWritable()) {
				this.connection.flush();
			}
		}

		@Override
		public void onReply(int slot, boolean error) {
			if (slot < 0 || slot >= this.sentAt.length || this.sentAt[slot] == FREE) {
				return;
			}
			long sent = this.sentAt[slot];
			this.sentAt[slot] = FREE;
			this.outstanding--;
			if (this.window.measuring(this.now)) {
				this.latencies.record(this.now - sent);
				if (error) {
					this.errorReplies++;
				}
			}
			if (this.now < this.window.measureEnd()) {
				send(slot, this.now);
			}
		}

		@Override
		public void onPing() {
			this.connection.queue(this.pong);
		}

		@Override
		public void onClose() {
			this.closedByServer = true;
		}

		private void send(int slot, long now) {
			this.connection.queue(this.template, slot, ++this.sequence);
			this.sentAt[slot] = now;
			this.outstanding++;
		}

	}

}
