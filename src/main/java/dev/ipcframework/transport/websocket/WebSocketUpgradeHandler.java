package dev.ipcframework.transport.websocket;

import jakarta.servlet.http.WebConnection;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Takes over the connection of an accepted WebSocket handshake for its session, the way Tomcat's own WebSocket
 * implementation does: as an internal upgrade, so that a session whose reading is suspended is not watched for
 * data until it is resumed (the servlet API's upgrade reports readable data again after every read). Tomcat
 * creates it (hence public, with a public constructor); {@link TomcatUpgradeStrategy} hands it the session.
 */
public final class WebSocketUpgradeHandler implements InternalHttpUpgradeHandler {

	private @Nullable UpgradedWebSocketSession session;

	private @Nullable SocketWrapperBase<?> socket;

	public WebSocketUpgradeHandler() {
	}

	void session(UpgradedWebSocketSession session) {
		this.session = session;
	}

	@Override
	public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
		this.socket = wrapper;
	}

	@Override
	public void init(WebConnection connection) {
		UpgradedWebSocketSession upgraded = this.session;
		SocketWrapperBase<?> wrapper = this.socket;
		if (upgraded == null || wrapper == null) {
			throw new IllegalStateException("upgraded without a WebSocket session or socket");
		}
		upgraded.start(connection, wrapper);
	}

	@Override
	public SocketState upgradeDispatch(SocketEvent status) {
		UpgradedWebSocketSession upgraded = this.session;
		return (upgraded != null) ? upgraded.onEvent(status) : SocketState.CLOSED;
	}

	@Override
	public void destroy() {
		UpgradedWebSocketSession upgraded = this.session;
		if (upgraded != null) {
			upgraded.released();
		}
	}

	@Override
	public void timeoutAsync(long now) {
		// no asynchronous operations to time out: writes block, bounded by the socket's write timeout
	}

	@Override
	public void setSslSupport(SSLSupport sslSupport) {
		// the session asks nothing of TLS
	}

	@Override
	public void pause() {
		// sessions are closed by the service's own shutdown, which lets them drain first
	}

}
