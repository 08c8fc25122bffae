package dev.ipcframework.transport.tcp;

/**
 * How the TCP port's connections are read ({@code ipc.tcp.io-mode}).
 */
public enum TcpIoMode {

	/**
	 * {@link #BLOCKING} where connections are read by virtual threads (Java 21 and later, with
	 * {@code ipc.workers.virtual-threads}) or the port speaks TLS; {@link #NIO} otherwise.
	 */
	AUTO,

	/**
	 * Spring Integration's {@code TcpNetServerConnectionFactory}: each connection is read by a thread of its own,
	 * which waits on the socket while the connection is idle.
	 */
	BLOCKING,

	/**
	 * Spring Integration's {@code TcpNioServerConnectionFactory}: one selector thread watches every connection, and a
	 * connection takes a pool thread only while a read of it runs; an idle one holds no thread and no buffer. Plain
	 * TCP only.
	 */
	NIO

}
