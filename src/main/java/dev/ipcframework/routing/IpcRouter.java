package dev.ipcframework.routing;

import java.time.Duration;
import java.util.List;

import dev.ipcframework.connection.ConnectionHandle;
import dev.ipcframework.connection.ConnectionRegistry;
import dev.ipcframework.protocol.DecodedFrame;
import dev.ipcframework.protocol.EnvelopeCodec;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.IpcError;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.protocol.InvalidFrameException;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.security.ChannelAuthorizer;
import dev.ipcframework.security.IpcAction;
import dev.ipcframework.stats.StatisticsCollector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.NullNode;

/**
 * The one entry point of every transport. Frames of a connection are decoded and routed off the I/O thread, one
 * at a time and in arrival order; the router checks the handshake, answers {@code system}, keeps subscriptions,
 * fans out publishes and hands requests and notifications to their handlers.
 */
public class IpcRouter {

	private static final Log logger = LogFactory.getLog(IpcRouter.class);

	private final EnvelopeCodec codec;

	private final ConnectionRegistry connections;

	private final ChannelRegistry channels;

	private final SubscriptionHandler subscriptions;

	private final MessageDelivery delivery;

	private final SystemChannelHandler system;

	private final HandlerDispatcher handlers;

	private final ReplySender replies;

	private final StatisticsCollector stats;

	private final ConnectionSupervisor supervisor;

	private final MessageRateLimiter rateLimiter;

	private final ChannelAuthorizer authorizer;

	public IpcRouter(EnvelopeCodec codec, ConnectionRegistry connections, ChannelRegistry channels,
			SubscriptionHandler subscriptions, MessageDelivery delivery, SystemChannelHandler system,
			HandlerDispatcher handlers, ReplySender replies, StatisticsCollector stats,
			ConnectionSupervisor supervisor, MessageRateLimiter rateLimiter, ChannelAuthorizer authorizer) {
		this.codec = codec;
		this.connections = connections;
		this.channels = channels;
		this.subscriptions = subscriptions;
		this.delivery = delivery;
		this.system = system;
		this.handlers = handlers;
		this.replies = replies;
		this.stats = stats;
		this.supervisor = supervisor;
		this.rateLimiter = rateLimiter;
		this.authorizer = authorizer;
	}

	/** A transport accepted a connection. */
	public void onOpen(ConnectionHandle connection) {
		this.stats.connectionOpened(connection.transport());
		this.supervisor.admit(connection);
		if (logger.isDebugEnabled()) {
			logger.debug("Opened " + connection);
		}
	}

	/**
	 * A transport received one complete frame. Called on the thread that reads the connection: the frame is
	 * handled on the connection's ordered executor. The transport then reads on once the connection is not ahead of
	 * the server (see {@link ConnectionHandle#awaitCapacity()} and {@link ConnectionHandle#mustAwaitCapacity()}).
	 */
	public void onFrame(ConnectionHandle connection, byte[] frame) {
		connection.markReceived();
		connection.inbound().execute(() -> {
			// what the frame causes is written once it is handled (and counted): by sender threads, since this
			// thread is shared with other connections
			connection.startWriteBurst();
			try {
				connection.handleAsSource(() -> process(connection, frame));
			}
			finally {
				ConnectionHandle.endAnyWriteBurst();
			}
		});
	}

	/**
	 * Like {@link #onFrame}, for a transport that reads each connection on a thread of its own: the frame is handled
	 * on that thread when nothing else of the connection's is running or waiting, which saves handing every frame to
	 * another thread. A handler that takes long then holds up only its own connection's reading, as it would hold up
	 * the connection's next frame anyway. While {@code moreToRead} (the transport already holds the connection's
	 * next bytes), replies to the connection wait, to go out with those of the frames that follow in one write.
	 */
	public void onFrameOnReadingThread(ConnectionHandle connection, byte[] frame, boolean moreToRead) {
		connection.markReceived();
		connection.startWriteBurst();
		connection.inbound().executeHere(() -> connection.handleAsSource(() -> process(connection, frame)));
		if (!moreToRead) {
			connection.endWriteBurst();
		}
	}

	/** A transport saw the connection close: everything it held goes, after the frames it sent before. */
	public void onClose(ConnectionHandle connection) {
		connection.inbound().execute(() -> {
			// a frame the transport hands over after its close (a TCP frame still being put back in order) is
			// queued behind this, and must find the connection closed rather than subscribe it again
			connection.close();
			this.supervisor.closed(connection);
			this.system.closed(connection);
			String appId = connection.appId();
			List<IpcChannel> subscribed = this.subscriptions.closed(connection);
			List<String> served = this.handlers.connectionClosed(connection);
			if (appId != null) {
				// channels it was the last to hold go too
				subscribed.forEach((channel) -> this.channels.release(appId, channel.channelId()));
				served.forEach((channelId) -> this.channels.release(appId, channelId));
			}
			this.connections.unregister(connection);
			this.rateLimiter.forget(connection);
			this.stats.connectionClosed(connection.transport());
			if (logger.isDebugEnabled()) {
				logger.debug("Closed " + connection);
			}
		});
	}

	private void process(ConnectionHandle connection, byte[] frame) {
		this.stats.frameReceived(connection, frame.length);
		if (!connection.isOpen()) {
			return;
		}
		DecodedFrame decoded;
		try {
			decoded = this.codec.decodeFrame(frame);
		}
		catch (InvalidFrameException ex) {
			rejectFrame(connection, ex);
			return;
		}
		IpcEnvelope envelope = decoded.envelope();
		this.stats.received(connection, envelope);
		if (!connection.isRegistered()) {
			this.system.handshake(connection, envelope);
			if (connection.isRegistered()) {
				this.supervisor.handshakeCompleted(connection);
			}
			return;
		}
		if (!this.rateLimiter.tryAcquire(connection)) {
			this.replies.error(connection, envelope,
					new IpcError(IpcErrorCode.RATE_LIMITED, "too many messages per second; this one was not handled"));
			return;
		}
		try {
			route(connection, ownApp(connection, envelope), decoded.requestTimeout());
		}
		catch (IpcException ex) {
			this.replies.error(connection, envelope, ex.toError());
		}
	}

	private void route(ConnectionHandle connection, IpcEnvelope envelope, @Nullable Duration requestTimeout) {
		String appId = envelope.appId();
		String channelId = envelope.channelId();
		if (!envelope.isSystem()) {
			this.channels.checkName(channelId);
		}
		switch (envelope.messageType()) {
			case REQUEST -> {
				if (envelope.isSystem()) {
					this.system.request(connection, envelope);
				}
				else {
					authorize(connection, IpcAction.REQUEST, envelope);
					this.channels.requireChannel(appId, channelId);
					this.handlers.request(connection, envelope, requestTimeout);
				}
			}
			case NOTIFICATION -> {
				if (!envelope.isSystem()) {
					authorize(connection, IpcAction.NOTIFY, envelope);
					this.channels.requireChannel(appId, channelId);
					this.handlers.oneWay(connection, envelope);
				}
			}
			case SUBSCRIBE -> {
				authorize(connection, IpcAction.SUBSCRIBE, envelope);
				requireUserChannel(envelope);
				this.subscriptions.subscribe(connection, envelope);
			}
			case UNSUBSCRIBE -> this.subscriptions.unsubscribe(connection, envelope);
			case PUBLISH -> {
				authorize(connection, IpcAction.PUBLISH, envelope);
				requireUserChannel(envelope);
				this.delivery.publish(envelope);
				this.handlers.oneWay(connection, envelope);
			}
			case RESPONSE -> {
				// on system it answers a server ping, whose arrival was all that mattered; elsewhere it answers a
				// relayed request, or is dropped and counted when nothing asked this client
				if (!envelope.isSystem()) {
					this.handlers.response(connection, envelope);
				}
			}
		}
	}

	/** Before anything of the action happens (not even the channel's creation): FORBIDDEN unless allowed. */
	private void authorize(ConnectionHandle connection, IpcAction action, IpcEnvelope envelope) {
		this.authorizer.check(connection.principal(), action, envelope.channelId());
	}

	/** Frames carry the connection's own app; one that names another app is refused, an empty one is filled in. */
	private static IpcEnvelope ownApp(ConnectionHandle connection, IpcEnvelope envelope) {
		String appId = connection.appId();
		if (envelope.appId().isEmpty()) {
			return new IpcEnvelope(envelope.messageId(), appId, envelope.channelId(), envelope.messageType(),
					envelope.payload(), envelope.timestamp(), envelope.replyTo());
		}
		if (!envelope.appId().equals(appId)) {
			throw new IpcException(IpcErrorCode.FORBIDDEN,
					"this connection belongs to app '" + appId + "', not '" + envelope.appId() + "'");
		}
		return envelope;
	}

	private void requireUserChannel(IpcEnvelope envelope) {
		if (envelope.isSystem()) {
			throw new IpcException(IpcErrorCode.FORBIDDEN,
					"channel 'system' does not take " + envelope.messageType().wireName() + " messages");
		}
		this.channels.requireChannel(envelope.appId(), envelope.channelId());
	}

	private void rejectFrame(ConnectionHandle connection, InvalidFrameException ex) {
		IpcError error = ex.toError();
		String requestId = ex.requestId();
		IpcEnvelope cause = null;
		if (requestId != null) {
			String appId = connection.appId();
			String channelId = ex.channelId();
			cause = new IpcEnvelope(requestId, (appId != null) ? appId : "",
					(channelId != null) ? channelId : IpcEnvelope.SYSTEM_CHANNEL, MessageType.REQUEST,
					NullNode.getInstance(), IpcEnvelope.now(), null);
		}
		if (connection.isRegistered()) {
			this.replies.error(connection, cause, error);
		}
		else {
			this.replies.fatal(connection, cause, error);
		}
	}

}
