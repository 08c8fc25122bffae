package dev.ipcframework.connection;

import java.util.concurrent.Executor;

import dev.ipcframework.protocol.EnvelopeCodec;

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
		return new ConnectionHandle(sessionId, transport, remoteAddress, writer, this.codec, this.handlerPool,
				this.senderPool, this.limits, this.observer);
	}

}
