package dev.ipcframework.connection;

import java.time.Instant;

import javax.security.auth.x500.X500Principal;

import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.security.IpcPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * One client connection, whatever transport it came on. Handler methods may declare a parameter of this type to
 * learn who called them.
 */
public interface IpcConnection {

	/** The connection id the client chose in its handshake, or {@code null} before the handshake. */
	@Nullable String id();

	/** The application the client connected to, or {@code null} before the handshake. */
	@Nullable String appId();

	Transport transport();

	/** The peer's address as {@code host:port}. */
	String remoteAddress();

	Instant connectedAt();

	/**
	 * The subject of the certificate the client presented in the TLS handshake, already verified against the
	 * trust store of the SSL bundle ({@code ipc.tcp.ssl.client-auth} = {@code want} or {@code need}); {@code null}
	 * when the client presented none, or came on plain TCP or WebSocket.
	 */
	@Nullable X500Principal clientCertificateSubject();

	boolean isOpen();

	/**
	 * Who the connection acts for, or {@code null} when it connected without credentials (authentication
	 * {@code none}, or {@code optional} without a token).
	 */
	default @Nullable IpcPrincipal principal() {
		return null;
	}

	/**
	 * Queues a message for this connection. Never blocks: messages go out in the order they were queued.
	 * @return {@code false} when the connection is closed or its send buffer is full
	 */
	boolean send(IpcEnvelope envelope);

	/** Closes the connection after the messages already queued have been written. */
	void close();

}
