package dev.ipcframework.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.HistoryServerTest;
import dev.ipcframework.testsupport.TcpProxy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client recovers what was published on its channels while its connection was down: a proxy between client
 * and server drops the connection and holds back the reconnect while others publish. The server keeps five
 * messages per channel.
 */
class RecoveryTests extends HistoryServerTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final ReconnectTests.RecordingListener events = new ReconnectTests.RecordingListener();

	@AfterEach
	void closeResources() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void everyMessageMissedWhileDisconnectedArrivesOnceInOrderThenLiveOnes(Transport transport) throws Exception {
		TcpProxy proxy = proxy(transport);
		IpcClient subscriber = client(throughProxy(transport, proxy));
		IpcClient publisher = client(direct(Transport.TCP).build());
		String channel = freshChannel("prices");
		BlockingQueue<Received> received = new LinkedBlockingQueue<>();
		subscriber.subscribeConfirmed(channel, MessageHandler.positioned((message, position) -> received
			.add(new Received(message.payload().path("n").asInt(), position)))).get(10, TimeUnit.SECONDS);
		publish(publisher, channel, 1, 2);
		assertThat(next(received).n()).isEqualTo(1);
		StreamPosition second = next(received).position();
		assertThat(second.offset()).isEqualTo(2);
		assertThat(subscriber.position(channel)).isEqualTo(second);

		// the connection drops, and the reconnect is held back while 3, 4 and 5 are published
		proxy.freeze();
		proxy.dropConnections();
		assertThat(this.events.disconnected.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
		publish(publisher, channel, 3, 4, 5);
		proxy.thaw();

		ChannelRecovery recovery = this.events.recoveries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(recovery).isEqualTo(new ChannelRecovery(channel, second, true,
				new StreamPosition(5, second.epoch())));
		publish(publisher, channel, 6);
		for (int n = 3; n <= 6; n++) {
			assertThat(next(received)).isEqualTo(new Received(n, new StreamPosition(n, second.epoch())));
		}
		subscriber.ping().get(10, TimeUnit.SECONDS);
		assertThat(received).isEmpty();
		assertThat(subscriber.position(channel)).isEqualTo(new StreamPosition(6, second.epoch()));
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void aHistoryThatNoLongerReachesBackIsReportedAsNotRecovered(Transport transport) throws Exception {
		TcpProxy proxy = proxy(transport);
		IpcClient subscriber = client(throughProxy(transport, proxy));
		IpcClient publisher = client(direct(Transport.TCP).build());
		String channel = freshChannel("prices");
		BlockingQueue<Received> received = new LinkedBlockingQueue<>();
		subscriber.subscribeConfirmed(channel, MessageHandler.positioned((message, position) -> received
			.add(new Received(message.payload().path("n").asInt(), position)))).get(10, TimeUnit.SECONDS);
		publish(publisher, channel, 1);
		StreamPosition first = next(received).position();

		proxy.freeze();
		proxy.dropConnections();
		assertThat(this.events.disconnected.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
		// seven more: the five kept begin after the first one missed
		publish(publisher, channel, 2, 3, 4, 5, 6, 7, 8);
		proxy.thaw();

		ChannelRecovery recovery = this.events.recoveries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(recovery.recovered()).isFalse();
		assertThat(recovery.since()).isEqualTo(first);
		assertThat(recovery.position()).isEqualTo(new StreamPosition(8, first.epoch()));
		publish(publisher, channel, 9);
		assertThat(next(received)).isEqualTo(new Received(9, new StreamPosition(9, first.epoch())));
	}

	@Test
	void readsAChannelsHistoryPageByPageAndWhoIsSubscribed() throws Exception {
		IpcClient client = client(direct(Transport.TCP).build());
		String channel = freshChannel("news");
		client.subscribeConfirmed(channel, (message) -> {
		}).get(10, TimeUnit.SECONDS);
		publish(client, channel, 1, 2, 3);

		JsonNode page = client.history(channel, null, 2).get(10, TimeUnit.SECONDS);
		assertThat(page.path("messages")).extracting((message) -> message.path("payload").path("n").asInt())
			.containsExactly(1, 2);
		StreamPosition last = new StreamPosition(page.path("messages").get(1).path("offset").asLong(),
				page.path("epoch").asString());
		JsonNode rest = client.history(channel, last, 0).get(10, TimeUnit.SECONDS);
		assertThat(rest.path("messages")).extracting((message) -> message.path("payload").path("n").asInt())
			.containsExactly(3);

		JsonNode presence = client.presence(channel).get(10, TimeUnit.SECONDS);
		assertThat(presence.path("count").asInt()).isEqualTo(1);
		assertThat(presence.path("subscribers").get(0).path("connection_id").asString())
			.isEqualTo(client.connectionId());
	}

	@Test
	void withoutRecoveryTheClientConnectsAsTheOriginalClientsDo() throws Exception {
		IpcClient client = client(direct(Transport.TCP).recovery(false).build());
		String channel = freshChannel("news");
		BlockingQueue<Received> received = new LinkedBlockingQueue<>();
		client.subscribeConfirmed(channel, MessageHandler.positioned((message, position) -> received
			.add(new Received(message.payload().path("n").asInt(), position)))).get(10, TimeUnit.SECONDS);

		publish(client, channel, 1);

		assertThat(next(received)).isEqualTo(new Received(1, null));
		assertThat(client.position(channel)).isNull();
	}

	private void publish(IpcClient publisher, String channel, int... numbers) throws Exception {
		for (int n : numbers) {
			publisher.publishConfirmed(channel, Map.of("n", n)).get(10, TimeUnit.SECONDS);
		}
	}

	private static Received next(BlockingQueue<Received> received) throws InterruptedException {
		Received next = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(next).as("a message within %s", WAIT).isNotNull();
		return next;
	}

	private TcpProxy proxy(Transport transport) throws Exception {
		TcpProxy proxy = new TcpProxy((transport == Transport.TCP) ? tcpPort() : this.httpPort);
		this.resources.add(proxy);
		return proxy;
	}

	private IpcClient client(Options options) {
		IpcClient client = IpcClient.connect(options);
		this.resources.add(0, client);
		return client;
	}

	private Options.Builder direct(Transport transport) {
		return Options.builder()
			.url((transport == Transport.TCP) ? "tcp://127.0.0.1:" + tcpPort() : "ws://127.0.0.1:" + this.httpPort + "/ipc")
			.appId(TestHandlers.APP);
	}

	/**
	 * Reconnects fast, and gives up on a handshake soon while the proxy holds everything back. The heartbeat is
	 * there for the JDK's WebSocket, which does not always report a connection closed under it without a close
	 * frame.
	 */
	private Options throughProxy(Transport transport, TcpProxy proxy) {
		String url = (transport == Transport.TCP) ? "tcp://127.0.0.1:" + proxy.port()
				: "ws://127.0.0.1:" + proxy.port() + "/ipc";
		return Options.builder()
			.url(url)
			.appId(TestHandlers.APP)
			.reconnectInitialDelay(Duration.ofMillis(50))
			.reconnectMaxDelay(Duration.ofMillis(300))
			.reconnectJitter(Duration.ofMillis(50))
			.connectTimeout(Duration.ofSeconds(1))
			.pingInterval(Duration.ofMillis(500))
			.connectionListener(this.events)
			.build();
	}

	private record Received(int n, @Nullable StreamPosition position) {
	}

}
