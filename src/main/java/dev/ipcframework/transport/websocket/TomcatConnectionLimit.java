package dev.ipcframework.transport.websocket;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Raises Tomcat's limit on open connections ({@code server.tomcat.max-connections}, 8,192 by default) so that it
 * does not cut in below {@code ipc.max-connections}: past Tomcat's limit, new WebSocket clients wait unanswered in
 * the accept queue until they give up, instead of being told {@code TOO_MANY_CONNECTIONS}. Tomcat keeps its default
 * room for plain HTTP on top. A limit set in {@code server.tomcat.max-connections} is left as it is.
 */
public final class TomcatConnectionLimit
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	/** Tomcat's own default, kept for HTTP clients (Actuator, the dashboard, upgrades in progress). */
	static final int HTTP_CONNECTIONS = 8192;

	private final int maxConnections;

	private final boolean setOnPurpose;

	/**
	 * @param ipcMaxConnections {@code ipc.max-connections}
	 * @param setOnPurpose whether {@code server.tomcat.max-connections} is set, which then stands
	 */
	public TomcatConnectionLimit(int ipcMaxConnections, boolean setOnPurpose) {
		this.maxConnections = (int) Math.min(Integer.MAX_VALUE, (long) ipcMaxConnections + HTTP_CONNECTIONS);
		this.setOnPurpose = setOnPurpose;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		if (!this.setOnPurpose) {
			factory.addConnectorCustomizers(this::raise);
		}
	}

	private void raise(Connector connector) {
		if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol
				&& protocol.getMaxConnections() >= 0 && protocol.getMaxConnections() < this.maxConnections) {
			protocol.setMaxConnections(this.maxConnections);
		}
	}

	/** After Spring Boot's customizer, which sets Tomcat's default. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
