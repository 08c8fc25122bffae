package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Spring Integration's TCP server, with two changes:
 * <ul>
 * <li>{@link #start()} binds the listening socket on the calling thread and throws {@link TcpListenException} when
 * it cannot: Spring Integration binds on its accepting thread, logs a failure there and lets the application run on
 * without TCP;</li>
 * <li>closed connections are cleared out of its table at most every 100 ms ({@link HarvestInterval}).</li>
 * </ul>
 */
public class IpcTcpServerConnectionFactory extends TcpNetServerConnectionFactory {

	private final HarvestInterval harvests = new HarvestInterval();

	/** Bound by {@link #start()}, handed to the accepting thread by {@link #createServerSocket}. */
	private volatile @Nullable ServerSocket bound;

	public IpcTcpServerConnectionFactory(int port) {
		super(port);
	}

	/**
	 * Binds the port, then starts accepting.
	 * @throws TcpListenException when the port cannot be bound (in use, or an address not of this host)
	 */
	@Override
	public synchronized void start() {
		if (!isActive()) {
			this.bound = bind();
		}
		super.start();
	}

	private ServerSocket bind() {
		String host = getLocalAddress();
		try {
			InetAddress address = (host != null) ? InetAddress.getByName(host) : null;
			return super.createServerSocket(getPort(), getBacklog(), address);
		}
		catch (IOException ex) {
			throw new TcpListenException(host, getPort(), ex);
		}
	}

	@Override
	protected ServerSocket createServerSocket(int port, int backlog, @Nullable InetAddress address)
			throws IOException {
		ServerSocket socket = this.bound;
		this.bound = null;
		return (socket != null) ? socket : super.createServerSocket(port, backlog, address);
	}

	@Override
	protected void harvestClosedConnections() {
		if (this.harvests.due()) {
			super.harvestClosedConnections();
		}
	}

}
