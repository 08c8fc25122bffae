package dev.ipcframework.transport.websocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.adapter.AbstractWebSocketSession;

/**
 * A WebSocket session spoken over a connection Tomcat upgraded: frames are read and decoded on the container's
 * thread that it reports data on (see {@link FrameDecoder}), and written from UTF-8 bytes as they are, a batch of
 * messages in one blocking write, bounded by the write timeout.
 * <p>
 * Reading can be suspended between messages, so that a client ahead of the server fills its socket and slows
 * down: the container then stops watching the socket, and resuming hands it back, as Tomcat's own WebSocket
 * sessions do.
 */
final class UpgradedWebSocketSession extends AbstractWebSocketSession<WebConnection> implements PausableReading {

	private static final Log logger = LogFactory.getLog(UpgradedWebSocketSession.class);

	private static final AtomicLong IDS = new AtomicLong();

	/** Holds a typical envelope whole; larger messages are handed over in parts of this size. */
	private static final int READ_BUFFER_BYTES = 4096;

	/** How long a close waits for a write under way to end before the connection ends without a close frame. */
	private static final long CLOSE_FRAME_WAIT_MILLIS = 100;

	private final String id = Long.toHexString(IDS.incrementAndGet());

	private final URI uri;

	private final HttpHeaders handshakeHeaders;

	private final @Nullable Principal principal;

	private final @Nullable InetSocketAddress localAddress;

	private final @Nullable InetSocketAddress remoteAddress;

	private final @Nullable String acceptedProtocol;

	private final WebSocketHandler handler;

	private final Duration writeTimeout;

	private final FrameDecoder decoder = new FrameDecoder(READ_BUFFER_BYTES);

	private final Frames frames = new Frames();

	private final ReentrantLock writeLock = new ReentrantLock();

	private final AtomicBoolean closed = new AtomicBoolean();

	private volatile boolean suspended;

	private final TextParts textParts = new TextParts();

	/** Made once, not for every read: whether to stop decoding, and the socket as the decoder's source. */
	private final BooleanSupplier stopReading = this::stopReading;

	private final FrameDecoder.Source socketSource = this::readSocket;

	private @Nullable SocketWrapperBase<?> socket;

	/**
	 * The container thread handling an event of the connection, while it does; {@code null} between events. A
	 * session that closes on it leaves the socket to the container, which closes it when told so.
	 */
	private volatile @Nullable Thread eventThread;

	UpgradedWebSocketSession(HandshakeInfo handshake, WebSocketHandler handler, Duration writeTimeout) {
		super(handshake.attributes());
		this.uri = handshake.uri();
		this.handshakeHeaders = handshake.headers();
		this.principal = handshake.principal();
		this.localAddress = handshake.localAddress();
		this.remoteAddress = handshake.remoteAddress();
		this.acceptedProtocol = handshake.protocol();
		this.handler = handler;
		this.writeTimeout = writeTimeout;
	}

	/** What the handshake told about the session. */
	record HandshakeInfo(URI uri, HttpHeaders headers, Map<String, Object> attributes, @Nullable Principal principal,
			@Nullable InetSocketAddress localAddress, @Nullable InetSocketAddress remoteAddress,
			@Nullable String protocol) {
	}

	/** The connection is upgraded: the handler learns of the session, then its frames are read. */
	void start(WebConnection connection, SocketWrapperBase<?> upgradedSocket) {
		initializeNativeSession(connection);
		upgradedSocket.setWriteTimeout(this.writeTimeout.toMillis());
		this.socket = upgradedSocket;
		// the container goes on with an event of the connection, which finds the session closed if it was here
		this.eventThread = Thread.currentThread();
		try {
			this.handler.afterConnectionEstablished(this);
		}
		catch (Exception ex) {
			logger.debug("WebSocket handler failed on opening session " + this.id, ex);
			closeWith(CloseStatus.SERVER_ERROR);
		}
		finally {
			this.eventThread = null;
		}
	}

	// reading

	/**
	 * What the container reports of the connection, on its thread, one at a time: data to read, or its end.
	 * @return what the container is to do with the connection next
	 */
	SocketState onEvent(SocketEvent event) {
		this.eventThread = Thread.currentThread();
		try {
			SocketState next = switch (event) {
				case OPEN_READ -> readAvailable();
				case OPEN_WRITE -> SocketState.UPGRADED;
				case STOP -> {
					closeWith(CloseStatus.GOING_AWAY);
					yield SocketState.CLOSED;
				}
				default -> {
					closed(CloseStatus.NO_CLOSE_FRAME);
					yield SocketState.CLOSED;
				}
			};
			// closed while the event was handled, by this thread or another: the container closes the socket
			return this.closed.get() ? SocketState.CLOSED : next;
		}
		finally {
			this.eventThread = null;
		}
	}

	/**
	 * Decodes what is buffered, then reads on while the socket has data and reading is not suspended. A suspended
	 * session is not watched for data until it is resumed.
	 */
	private SocketState readAvailable() {
		SocketWrapperBase<?> input = this.socket;
		try {
			this.decoder.decode(this.frames, this.stopReading);
			while (!stopReading() && input != null) {
				int read = this.decoder.readFrom(this.socketSource);
				if (read < 0) {
					closed(CloseStatus.NO_CLOSE_FRAME);
					break;
				}
				if (read == 0) {
					break;
				}
				this.decoder.decode(this.frames, this.stopReading);
			}
		}
		catch (FrameDecoder.ProtocolException ex) {
			logger.debug("Closing WebSocket session " + this.id + ": " + ex.getMessage());
			closeWith(ex.status());
		}
		catch (IOException | RuntimeException ex) {
			onError(ex);
		}
		if (this.closed.get()) {
			return SocketState.CLOSED;
		}
		// the replies written here may close the session: the caller looks once more
		ContainerReads.readAllThereWas();
		return this.suspended ? SocketState.SUSPENDED : SocketState.UPGRADED;
	}

	private boolean stopReading() {
		return this.suspended || this.closed.get();
	}

	/** What the socket holds now, without waiting: 0 when nothing, -1 at its end. */
	private int readSocket(byte[] into, int offset, int length) throws IOException {
		SocketWrapperBase<?> input = this.socket;
		return (input != null) ? input.read(false, into, offset, length) : -1;
	}

	private void onError(Throwable failure) {
		if (this.closed.get()) {
			return;
		}
		try {
			this.handler.handleTransportError(this, failure);
		}
		catch (Exception ex) {
			logger.debug("WebSocket handler failed on a transport error of session " + this.id, ex);
		}
		closeWith(CloseStatus.SERVER_ERROR);
	}

	@Override
	public void suspendReading() {
		this.suspended = true;
	}

	@Override
	public void resumeReading() {
		this.suspended = false;
		SocketWrapperBase<?> upgradedSocket = this.socket;
		if (upgradedSocket != null) {
			// on the container's thread once the one reading now, if any, is done: bytes may wait in the buffer
			upgradedSocket.processSocket(SocketEvent.OPEN_READ, true);
		}
	}

	private final class Frames implements FrameDecoder.Frames {

		@Override
		public void onMessage(boolean text, byte[] part, boolean last) throws IOException {
			try {
				UpgradedWebSocketSession.this.handler.handleMessage(UpgradedWebSocketSession.this,
						text ? UpgradedWebSocketSession.this.textParts.message(part, last)
								: new BinaryMessage(part, last));
			}
			catch (CharacterCodingException ex) {
				throw new FrameDecoder.ProtocolException(CloseStatus.BAD_DATA.withReason("text is not UTF-8"));
			}
			catch (IOException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IOException(ex);
			}
		}

		@Override
		public void onPing(byte[] payload) throws IOException {
			write(WebSocketFrames.frame(WebSocketFrames.OPCODE_PONG, payload));
		}

		@Override
		public void onClose(int code, String reason) {
			CloseStatus status = new CloseStatus(code, reason);
			// answered with the client's code; with none when it gave none; a code no one may send is an error
			CloseStatus answer = (code == CloseStatus.NO_STATUS_CODE.getCode()) ? CloseStatus.NORMAL
					: WebSocketFrames.isSendable(code) ? new CloseStatus(code) : CloseStatus.PROTOCOL_ERROR;
			closeWith(answer, status);
		}

	}

	// writing

	/** Writes text messages, each a frame of the given UTF-8 bytes, in one write. */
	void sendTexts(List<byte[]> messages) throws IOException {
		write(WebSocketFrames.textFrames(messages));
	}

	@Override
	protected void sendTextMessage(TextMessage message) throws IOException {
		requireWhole(message.isLast());
		write(WebSocketFrames.frame(WebSocketFrames.OPCODE_TEXT, message.asBytes()));
	}

	@Override
	protected void sendBinaryMessage(BinaryMessage message) throws IOException {
		requireWhole(message.isLast());
		write(WebSocketFrames.frame(WebSocketFrames.OPCODE_BINARY, bytesOf(message.getPayload())));
	}

	@Override
	protected void sendPingMessage(PingMessage message) throws IOException {
		write(WebSocketFrames.frame(WebSocketFrames.OPCODE_PING, bytesOf(message.getPayload())));
	}

	@Override
	protected void sendPongMessage(PongMessage message) throws IOException {
		write(WebSocketFrames.frame(WebSocketFrames.OPCODE_PONG, bytesOf(message.getPayload())));
	}

	private static byte[] bytesOf(ByteBuffer payload) {
		byte[] bytes = new byte[payload.remaining()];
		payload.duplicate().get(bytes);
		return bytes;
	}

	private static void requireWhole(boolean last) {
		if (!last) {
			throw new UnsupportedOperationException("messages are sent whole");
		}
	}

	/** Writes the bytes, blocking up to the write timeout while the client does not take them. */
	private void write(byte[] bytes) throws IOException {
		SocketWrapperBase<?> output = this.socket;
		if (output == null) {
			throw new IOException("WebSocket session " + this.id + " is not open yet");
		}
		this.writeLock.lock();
		try {
			if (this.closed.get()) {
				// nothing may follow the close frame
				throw new IOException("WebSocket session " + this.id + " is closed");
			}
			output.write(true, bytes, 0, bytes.length);
			output.flush(true);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	/**
	 * Hands the close frame to the socket without waiting for the client to take it, after the write under way, if
	 * any, unless that write is blocked on the client: the connection ends next either way.
	 */
	private void writeCloseFrame(CloseStatus status) throws IOException {
		SocketWrapperBase<?> output = this.socket;
		if (output == null || !awaitWriteLock()) {
			return;
		}
		try {
			byte[] frame = WebSocketFrames.close(status);
			output.write(false, frame, 0, frame.length);
			output.flush(false);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private boolean awaitWriteLock() {
		try {
			return this.writeLock.tryLock(CLOSE_FRAME_WAIT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	// closing

	@Override
	protected void closeInternal(CloseStatus status) {
		closeWith(status);
	}

	private void closeWith(CloseStatus status) {
		closeWith(status, status);
	}

	/**
	 * Sends a close frame with {@code sent}, ends the connection and tells the handler the session closed with
	 * {@code reported}; once.
	 */
	private void closeWith(CloseStatus sent, CloseStatus reported) {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		try {
			writeCloseFrame(sent);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not send the close frame of WebSocket session " + this.id, ex);
		}
		finally {
			end();
			notifyClosed(reported);
		}
	}

	/** The connection ended without a close handshake: the client went, or the container closes it. */
	private void closed(CloseStatus status) {
		if (this.closed.compareAndSet(false, true)) {
			end();
			notifyClosed(status);
		}
	}

	/** The container let go of the connection, closing it itself. */
	void released() {
		if (this.closed.compareAndSet(false, true)) {
			notifyClosed(CloseStatus.NO_CLOSE_FRAME);
		}
	}

	/**
	 * Has the container close the socket, on its thread: the event under way, if on this thread, returns
	 * {@code CLOSED}; otherwise a disconnect event is dispatched, which waits for any other event of the connection
	 * to end. A socket closed from elsewhere while the container handles it is left registered with the container,
	 * and its channel is handed to the next connection while the container may still read from it.
	 */
	private void end() {
		SocketWrapperBase<?> upgradedSocket = this.socket;
		if (upgradedSocket == null || Thread.currentThread() == this.eventThread) {
			return;
		}
		upgradedSocket.processSocket(SocketEvent.DISCONNECT, true);
	}

	private void notifyClosed(CloseStatus status) {
		try {
			this.handler.afterConnectionClosed(this, status);
		}
		catch (Exception ex) {
			logger.debug("WebSocket handler failed on closing session " + this.id, ex);
		}
	}

	// the session's description

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public URI getUri() {
		return this.uri;
	}

	@Override
	public HttpHeaders getHandshakeHeaders() {
		return this.handshakeHeaders;
	}

	@Override
	public @Nullable Principal getPrincipal() {
		return this.principal;
	}

	@Override
	public @Nullable InetSocketAddress getLocalAddress() {
		return this.localAddress;
	}

	@Override
	public @Nullable InetSocketAddress getRemoteAddress() {
		return this.remoteAddress;
	}

	@Override
	public @Nullable String getAcceptedProtocol() {
		return this.acceptedProtocol;
	}

	@Override
	public List<WebSocketExtension> getExtensions() {
		return List.of();
	}

	/** Message size is bounded by the handler, which assembles the parts; the limit here is not used. */
	@Override
	public void setTextMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getTextMessageSizeLimit() {
		return Integer.MAX_VALUE;
	}

	@Override
	public void setBinaryMessageSizeLimit(int messageSizeLimit) {
	}

	@Override
	public int getBinaryMessageSizeLimit() {
		return Integer.MAX_VALUE;
	}

	@Override
	public boolean isOpen() {
		return !this.closed.get();
	}

}
