package dev.ipcframework.transport.tcp;

import java.io.IOException;
import java.net.BindException;

import org.jspecify.annotations.Nullable;

/**
 * The TCP server could not listen: the port is taken, or the address is not one of this host's.
 */
public class TcpListenException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String host;

	private final int port;

	public TcpListenException(@Nullable String host, int port, IOException cause) {
		super("cannot listen on TCP " + ((host != null) ? host : "*") + ":" + port + ": " + cause.getMessage(), cause);
		this.host = host;
		this.port = port;
	}

	/** The address it tried to bind, {@code null} for every interface. */
	public @Nullable String host() {
		return this.host;
	}

	public int port() {
		return this.port;
	}

	/** Whether another socket holds the port (rather than the address being wrong). */
	public boolean portInUse() {
		return getCause() instanceof BindException && String.valueOf(getCause().getMessage()).contains("in use");
	}

}
