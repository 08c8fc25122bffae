package dev.ipcframework.transport.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Gives Tomcat's connectors a request thread pool on which WebSocket messages are handled by the thread that read
 * them, their replies written once it has read all there was (see {@code ContainerReads}): no hand-off to another
 * thread per message, and one write per read. The pool is sized and named from the connector's settings
 * ({@code server.tomcat.threads.*}), so it runs last. A connector that already has an executor (virtual threads)
 * keeps it; its messages are handed to the connection's executor, as on any other container.
 */
public final class TomcatReadingThreads
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered, DisposableBean {

	private final List<ReadingThreadPool> pools = new CopyOnWriteArrayList<>();

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers(this::install);
	}

	private void install(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) || protocol.getExecutor() != null) {
			return;
		}
		ReadingThreadPool pool = ReadingThreadPool.create(protocol.getName().replace("\"", ""),
				protocol.getMinSpareThreads(), protocol.getMaxThreads(), protocol.getMaxQueueSize(),
				protocol.getThreadPriority());
		protocol.setExecutor(pool);
		this.pools.add(pool);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Tomcat stops only the executors it made itself. */
	@Override
	public void destroy() {
		this.pools.forEach(ReadingThreadPool::shutdownNow);
	}

}
