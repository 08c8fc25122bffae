package dev.ipcframework.transport.tcp;

import java.util.concurrent.TimeUnit;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * Spring Integration's TCP server, with closed connections cleared out of its table at most every 100 ms rather
 * than after every accept: that walks every open connection, so opening 10,000 connections walked 50 million
 * entries, and the accepting thread fell behind the peers trying to connect.
 */
public class IpcTcpServerConnectionFactory extends TcpNetServerConnectionFactory {

	private static final long HARVEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private volatile long lastHarvestNanos = System.nanoTime();

	public IpcTcpServerConnectionFactory(int port) {
		super(port);
	}

	@Override
	protected void harvestClosedConnections() {
		long now = System.nanoTime();
		if (now - this.lastHarvestNanos >= HARVEST_INTERVAL_NANOS) {
			this.lastHarvestNanos = now;
			super.harvestClosedConnections();
		}
	}

}
