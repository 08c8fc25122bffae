package dev.ipcframework.transport.tcp;

import java.net.ServerSocket;

import javax.net.ssl.SSLServerSocket;

import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;

/**
 * Sets up the TLS server socket from the SSL bundle's options: which client certificates are asked for, and the
 * protocols and cipher suites the bundle names (the JDK's defaults where it names none).
 */
public class TlsServerSocketSupport extends DefaultTcpSocketSupport {

	private final TlsClientAuth clientAuth;

	private final SslOptions options;

	public TlsServerSocketSupport(TlsClientAuth clientAuth, SslOptions options) {
		// host names are verified by clients; a server has no name to check a client's certificate against
		super(false);
		this.clientAuth = clientAuth;
		this.options = options;
	}

	@Override
	public void postProcessServerSocket(ServerSocket serverSocket) {
		if (!(serverSocket instanceof SSLServerSocket socket)) {
			throw new IllegalStateException("TLS is configured but the TCP server socket is not an SSLServerSocket");
		}
		switch (this.clientAuth) {
			case NEED -> socket.setNeedClientAuth(true);
			case WANT -> socket.setWantClientAuth(true);
			case NONE -> socket.setWantClientAuth(false);
		}
		if (this.options.getEnabledProtocols() != null) {
			socket.setEnabledProtocols(this.options.getEnabledProtocols());
		}
		if (this.options.getCiphers() != null) {
			socket.setEnabledCipherSuites(this.options.getCiphers());
		}
	}

}
