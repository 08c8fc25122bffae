package dev.ipcframework.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Boot's report of a web server port in use, naming the property that set the port too ({@code server.port}, or
 * {@code management.server.port} for a separate management server); ordered before Boot's own analyzer, which
 * names only the port.
 */
class HttpPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> implements Ordered {

	private final Environment environment;

	HttpPortInUseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
		String property = propertyOf(cause.getPort());
		if (property == null) {
			return null;
		}
		return new FailureAnalysis("HTTP port " + cause.getPort() + " (" + property + ") is already in use.",
				"Stop the process that listens on port " + cause.getPort() + ", or set " + property
						+ " to a free port (0 picks one).",
				cause);
	}

	private @Nullable String propertyOf(int port) {
		String portText = Integer.toString(port);
		if (portText.equals(this.environment.getProperty("management.server.port"))) {
			return "management.server.port";
		}
		return portText.equals(this.environment.getProperty("server.port", "8080")) ? "server.port" : null;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
