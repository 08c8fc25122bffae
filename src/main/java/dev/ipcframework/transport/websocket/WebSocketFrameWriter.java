package dev.ipcframework.transport.websocket;

import java.io.IOException;

import dev.ipcframework.connection.FrameWriter;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes frames to one WebSocket session as text messages, one envelope each.
 */
class WebSocketFrameWriter implements FrameWriter {

	private final WebSocketSession session;

	private volatile CloseStatus closeStatus = CloseStatus.NORMAL;

	WebSocketFrameWriter(WebSocketSession session) {
		this.session = session;
	}

	/** The status the session closes with once the writer is closed. */
	void closeWith(CloseStatus status) {
		this.closeStatus = status;
	}

	@Override
	public void write(byte[] frame) throws IOException {
		this.session.sendMessage(new TextMessage(frame));
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
