package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A subscriber that connects with a 4 KiB receive buffer, subscribes, and never reads. It watches the server's end
 * of its connection to see when the server cuts it off, and at the end reads what was waiting for it, to see
 * whether a slow-consumer notice came before the close.
 */
final class StalledSubscriber implements FrameSink {

	private static final int RECEIVE_BUFFER_BYTES = 4096;

	private final SocketChannel channel;

	private final WireProtocol wire;

	private final int serverPort;

	private final int clientPort;

	private long cutOffAt = -1;

	private String notice;

	StalledSubscriber(WireProtocol wire, String app, String channel) throws IOException {
		this.wire = wire;
		this.channel = wire.open(app, RECEIVE_BUFFER_BYTES);
		try {
			wire.subscribe(this.channel.socket(), channel);
		}
		catch (IOException ex) {
			this.channel.close();
			throw ex;
		}
		this.serverPort = wire.address().getPort();
		this.clientPort = this.channel.socket().getLocalPort();
	}

	/** Looks at the server's socket; remembers the first time it was no longer established. */
	void probe(long now) {
		if (this.cutOffAt < 0) {
			String state = ServerSocketState.of(this.serverPort, this.clientPort);
			if (!ServerSocketState.ESTABLISHED.equals(state)) {
				this.cutOffAt = now;
			}
		}
	}

	boolean cutOff() {
		return this.cutOffAt >= 0;
	}

	/** Seconds from the window's start to the cut-off, -1 if it has not happened. */
	double cutOffSeconds(Window window) {
		return (this.cutOffAt < 0) ? -1 : window.secondsSinceStart(this.cutOffAt);
	}

	/** Reads what was waiting (for at most a few seconds) and returns the notice found in it, if any. */
	String readBacklog() {
		WireConnection connection = new WireConnection(this.channel, this.wire, 256 * 1024, 1024);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		try {
			this.channel.configureBlocking(false);
			while (System.nanoTime() < deadline && this.notice == null) {
				int n = connection.fill();
				if (n < 0) {
					break;
				}
				connection.drain(this);
				if (n == 0) {
					Thread.sleep(5);
				}
			}
		}
		catch (IOException ex) {
			// reset by the server: what was read is all there is
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.notice;
	}

	@Override
	public void onNotice(String text) {
		this.notice = text;
	}

	void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
