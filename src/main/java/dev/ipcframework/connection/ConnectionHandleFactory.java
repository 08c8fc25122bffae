package dev.ipcframework.connection;

import java.util.concurrent.Executor;

import javax.security.auth.x500.X500Principal;

import dev.ipcframework.protocol.EnvelopeCodec;
import org.jspecify.annotations.Nullable;

/**
 * Creates connection handles for the transports, with the shared executors and buffer limit.
 */
public class ConnectionHandleFactory {

	private final EnvelopeCodec codec;

	private final Executor handlerPool;

	private final Executor senderPool;

	private final OutboundLimits limits;

	private final ConnectionObserver observer;

	public ConnectionHandleFactory(EnvelopeCodec codec, Executor handlerPool, Executor senderPool,
			OutboundLimits limits, ConnectionObserver observer) {
		this.codec = codec;
		this.handlerPool = handlerPool;
		this.senderPool = senderPool;
		this.limits = limits;
		this.observer = observer;
	}

	public ConnectionHandle create(String sessionId, Transport transport, String remoteAddress, FrameWriter writer) {
		return create(sessionId, transport, remoteAddress, null, writer);
	}

	/**
	 * A handle for a connection whose client presented a certificate in the TLS handshake.
	 * @param clientCertificateSubject the subject of the client's verified certificate, or {@code null}
	 */
	public ConnectionHandle create(String sessionId, Transport transport, String remoteAddress,
			@Nullable X500Principal clientCertificateSubject, FrameWriter writer) {
		return new ConnectionHandle(sessionId, transport, remoteAddress, clientCertificateSubject, writer, this.codec,
				this.handlerPool, this.senderPool, this.limits, this.observer);
	}

}
