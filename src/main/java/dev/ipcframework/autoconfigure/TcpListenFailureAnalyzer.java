package dev.ipcframework.autoconfigure;

import dev.ipcframework.transport.tcp.TcpListenException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a TCP port that cannot be bound into Boot's start-up failure report, naming the port and the property
 * that sets it, instead of a stack trace.
 */
class TcpListenFailureAnalyzer extends AbstractFailureAnalyzer<TcpListenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TcpListenException cause) {
		if (cause.portInUse()) {
			return new FailureAnalysis("TCP port " + cause.port() + " (ipc.tcp.port) is already in use.",
					"Stop the process that listens on port " + cause.port()
							+ ", or set ipc.tcp.port to a free port (0 picks one).",
					cause);
		}
		return new FailureAnalysis("Cannot listen on TCP " + ((cause.host() != null) ? cause.host() : "*") + ":"
				+ cause.port() + " (ipc.tcp.host, ipc.tcp.port): " + cause.getCause().getMessage(),
				"Set ipc.tcp.host to an address of this machine (empty binds every interface) and ipc.tcp.port to a "
						+ "free port.",
				cause);
	}

}
