package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens many connections from a few threads, each completing the handshake and then staying open without sending
 * anything, and measures the server's memory before and after: resident, and for a Java server also its live heap. Each thread gives up after a run of failures (the
 * server refusing connections) or at the deadline; all connections are closed at the end.
 */
final class IdleConnectionsLoad implements AutoCloseable {

	private static final int FAILURES_IN_A_ROW = 50;

	private final WireProtocol wire;

	private final int wanted;

	private final int threads;

	private final Duration deadline;

	private final long serverPid;

	private final Queue<Socket> open = new ConcurrentLinkedQueue<>();

	IdleConnectionsLoad(WireProtocol wire, int wanted, int threads, Duration deadline, long serverPid) {
		this.wire = wire;
		this.wanted = wanted;
		this.threads = threads;
		this.deadline = deadline;
		this.serverPid = serverPid;
	}

	IdleResult run() throws InterruptedException {
		long heapBefore = ServerProcess.liveHeapBytes(this.serverPid);
		long rssBefore = ServerProcess.rssBytes(this.serverPid);
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicReference<String> firstFailure = new AtomicReference<>();
		long start = System.nanoTime();
		long stopAt = start + this.deadline.toNanos();
		List<LatencyHistogram> histograms = new ArrayList<>();
		List<Thread> openers = new ArrayList<>();
		long[] lastOpened = new long[this.threads];
		for (int t = 0; t < this.threads; t++) {
			LatencyHistogram latencies = new LatencyHistogram();
			histograms.add(latencies);
			int thread = t;
			Thread opener = new Thread(() -> {
				int failuresInARow = 0;
				while (next.getAndIncrement() < this.wanted && System.nanoTime() < stopAt
						&& failuresInARow < FAILURES_IN_A_ROW) {
					long begin = System.nanoTime();
					Socket socket = new Socket();
					try {
						socket.setTcpNoDelay(true);
						socket.connect(this.wire.address(), WireProtocol.CONNECT_TIMEOUT_MILLIS);
						socket.setSoTimeout(WireProtocol.READ_TIMEOUT_MILLIS);
						this.wire.handshake(socket, "idle");
						long end = System.nanoTime();
						latencies.record(end - begin);
						lastOpened[thread] = end;
						this.open.add(socket);
						failuresInARow = 0;
					}
					catch (IOException | RuntimeException ex) {
						failed.incrementAndGet();
						failuresInARow++;
						firstFailure.compareAndSet(null, (ex instanceof SocketTimeoutException timeout)
								? WireProtocol.unanswered(timeout).getMessage() : ex.toString());
						closeQuietly(socket);
					}
				}
			}, "idle-opener-" + this.wire.name() + "-" + t);
			opener.setDaemon(true);
			opener.start();
			openers.add(opener);
		}
		for (Thread opener : openers) {
			// a stuck connect or read ends within its own timeouts; this is a last bound
			opener.join(this.deadline.toMillis() + 2L * WireProtocol.READ_TIMEOUT_MILLIS);
		}
		long end = start;
		LatencyHistogram handshakes = new LatencyHistogram();
		for (int t = 0; t < this.threads; t++) {
			end = Math.max(end, lastOpened[t]);
			handshakes.add(histograms.get(t));
		}
		// let the server finish what a new connection costs it before reading its memory
		Thread.sleep(1_000);
		long heapAfter = ServerProcess.liveHeapBytes(this.serverPid);
		long rssAfter = ServerProcess.rssBytes(this.serverPid);
		return new IdleResult(this.wire.name(), this.wanted, this.open.size(), failed.get(), (end - start) / 1e9,
				handshakes, rssBefore, rssAfter, heapBefore, heapAfter, firstFailure.get());
	}

	@Override
	public void close() {
		Socket socket;
		while ((socket = this.open.poll()) != null) {
			closeQuietly(socket);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
