package dev.ipcframework.transport.websocket;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.ipcframework.connection.FrameWriter;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Writes frames to one WebSocket session as text messages, one envelope each. A batch costs about one socket write
 * rather than one per message: a session this service upgraded writes it in one go, and on a standard (JSR 356)
 * session the container gathers the messages and flushes them together.
 */
class WebSocketFrameWriter implements FrameWriter {

	private final WebSocketSession session;

	private final RemoteEndpoint.@Nullable Basic batching;

	private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

	WebSocketFrameWriter(WebSocketSession session) {
		this.session = session;
		this.batching = batchingRemote(session);
	}

	private static RemoteEndpoint.@Nullable Basic batchingRemote(WebSocketSession session) {
		if (session instanceof NativeWebSocketSession nativeSession) {
			Session standard = nativeSession.getNativeSession(Session.class);
			if (standard != null) {
				RemoteEndpoint.Basic remote = standard.getBasicRemote();
				try {
					remote.setBatchingAllowed(true);
					return remote;
				}
				catch (IOException ex) {
					return null;
				}
			}
		}
		return null;
	}

	/** The status the session closes with once the writer is closed. */
	void closeWith(CloseStatus status) {
		this.closeStatus = status;
	}

	@Override
	public void write(List<byte[]> frames) throws IOException {
		if (this.session instanceof UpgradedWebSocketSession upgraded) {
			upgraded.sendTexts(frames);
			return;
		}
		RemoteEndpoint.Basic remote = this.batching;
		if (remote == null) {
			for (byte[] frame : frames) {
				this.session.sendMessage(new TextMessage(frame));
			}
			return;
		}
		for (byte[] frame : frames) {
			remote.sendText(new String(frame, StandardCharsets.UTF_8));
		}
		remote.flushBatch();
	}

	@Override
	public void close() {
		try {
			this.session.close(this.closeStatus);
		}
		catch (IOException ex) {
			// the session is gone either way
		}
	}

}
