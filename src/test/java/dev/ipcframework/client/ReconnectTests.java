package dev.ipcframework.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.protocol.StreamPosition;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testapp.TestIpcApplication;
import dev.ipcframework.testsupport.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The client across connection loss: a server stopped and started again on the same ports (with the channel
 * history it kept in memory lost), a drain notice, and a connection that goes silent.
 */
class ReconnectTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final int tcpPort = freePort();

	private final int httpPort = freePort();

	private ConfigurableApplicationContext server;

	private final RecordingListener events = new RecordingListener();

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.getBean(TestHandlers.class).slowGate.countDown();
			this.server.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reconnectsAfterARestartOnTheSamePortAndSubscribesAndServesAgain(Transport transport) throws Exception {
		startServer("0ms");
		TestHandlers handlers = this.server.getBean(TestHandlers.class);
		handlers.slowGate = new CountDownLatch(1);
		try (IpcClient client = IpcClient.connect(fastReconnect(transport).build())) {
			BlockingQueue<IpcEnvelope> news = new LinkedBlockingQueue<>();
			client.subscribe("news", news::add);
			client.serve("quote", (payload) -> "quoted " + payload.asString()).get(10, TimeUnit.SECONDS);
			CompletableFuture<JsonNode> outstanding = client.request("slow", Map.of(), Duration.ofMinutes(5));
			assertThat(this.events.connected.poll(10, TimeUnit.SECONDS)).isFalse();

			this.server.close();

			// the request fails as soon as the connection drops, long before its five-minute timeout
			Throwable failure = catchThrowable(() -> outstanding.get(30, TimeUnit.SECONDS));
			assertThat(failure.getCause()).isInstanceOf(IpcConnectionException.class);
			assertThat(((IpcClientException) failure.getCause()).code()).isEqualTo(IpcConnectionException.CONNECTION_LOST);
			handlers.slowGate.countDown();
			assertThat(this.events.disconnected.poll(10, TimeUnit.SECONDS)).isNotNull();
			assertThat(client.isConnected()).isFalse();
			Throwable whileDown = catchThrowable(() -> client.request("echo", "x").get(10, TimeUnit.SECONDS));
			assertThat(whileDown.getCause()).isInstanceOf(IpcConnectionException.class);

			startServer("0ms");

			assertThat(this.events.connected.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			client.ping().get(10, TimeUnit.SECONDS);
			try (IpcClient other = IpcClient.connect(options(Transport.TCP).build())) {
				other.publish("news", Map.of("headline", "back"));
				IpcEnvelope received = news.poll(10, TimeUnit.SECONDS);
				assertThat(received).isNotNull();
				assertThat(received.payload().path("headline").asString()).isEqualTo("back");
				assertThat(other.request("quote", "tea").get(10, TimeUnit.SECONDS).asString()).isEqualTo("quoted tea");
			}
			assertThat(client.request("echo", "again").get(10, TimeUnit.SECONDS).asString()).isEqualTo("again");
		}
	}

	@Test
	void aRestartThatLostTheChannelsHistoryIsReportedAsNotRecovered() throws Exception {
		startServer("0ms");
		try (IpcClient client = IpcClient.connect(fastReconnect(Transport.TCP).build())) {
			BlockingQueue<StreamPosition> positions = new LinkedBlockingQueue<>();
			client.subscribeConfirmed("news", MessageHandler.positioned((message, position) -> positions.add(position)))
				.get(10, TimeUnit.SECONDS);
			client.publishConfirmed("news", Map.of("headline", "before")).get(10, TimeUnit.SECONDS);
			StreamPosition before = positions.poll(10, TimeUnit.SECONDS);
			assertThat(before.offset()).isEqualTo(1);

			this.server.close();
			startServer("0ms");

			// the history was in the memory of the server that stopped: another epoch, nothing to recover
			ChannelRecovery recovery = this.events.recoveries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(recovery).isNotNull();
			assertThat(recovery.recovered()).isFalse();
			assertThat(recovery.since()).isEqualTo(before);
			assertThat(recovery.position().epoch()).isNotEqualTo(before.epoch());
			client.publishConfirmed("news", Map.of("headline", "after")).get(10, TimeUnit.SECONDS);
			assertThat(positions.poll(10, TimeUnit.SECONDS))
				.isEqualTo(new StreamPosition(1, recovery.position().epoch()));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void waitsAsLongAsTheDrainNoticeAsksBeforeReconnecting(Transport transport) throws Exception {
		startServer("1500ms");
		try (IpcClient client = IpcClient.connect(fastReconnect(transport).build())) {
			assertThat(this.events.connected.poll(10, TimeUnit.SECONDS)).isFalse();

			this.server.close();
			assertThat(this.events.disconnected.poll(10, TimeUnit.SECONDS)).isNotNull();
			long disconnectedAt = System.nanoTime();
			startServer("1500ms");

			assertThat(this.events.connected.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			// without the notice the first attempt would come after 50-100 ms
			assertThat(Duration.ofNanos(System.nanoTime() - disconnectedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
			assertThat(client.request("echo", "after drain").get(10, TimeUnit.SECONDS).asString()).isEqualTo("after drain");
		}
	}

	@Test
	void heartbeatDetectsASilentConnectionAndReconnects() throws Exception {
		startServer("0ms");
		try (TcpProxy proxy = new TcpProxy(this.tcpPort);
				IpcClient client = IpcClient.connect(fastReconnect(Transport.TCP).url("tcp://127.0.0.1:" + proxy.port())
					.pingInterval(Duration.ofMillis(300))
					.build())) {
			assertThat(this.events.connected.poll(10, TimeUnit.SECONDS)).isFalse();
			assertThat(client.request("echo", "before").get(10, TimeUnit.SECONDS).asString()).isEqualTo("before");

			proxy.freeze();

			Throwable cause = this.events.disconnected.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
			assertThat(cause).isNotNull();
			assertThat(this.events.errors).anySatisfy((error) -> assertThat(error).hasMessageContaining("no answer to a ping"));
			proxy.thaw();
			assertThat(this.events.connected.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(client.request("echo", "after").get(10, TimeUnit.SECONDS).asString()).isEqualTo("after");
		}
	}

	@Test
	void givesUpAfterTheConfiguredAttemptsAndCloses() throws Exception {
		startServer("0ms");
		IpcClient client = IpcClient.connect(fastReconnect(Transport.TCP).maxReconnectAttempts(2).build());
		assertThat(this.events.connected.poll(10, TimeUnit.SECONDS)).isFalse();

		this.server.close();
		this.server = null;

		await().atMost(WAIT).until(client::isClosed);
		assertThat(this.events.closed.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.events.errors).anySatisfy((error) -> assertThat(error).hasMessageContaining("gave up reconnecting"));
	}

	private Options.Builder options(Transport transport) {
		String url = (transport == Transport.TCP) ? "tcp://127.0.0.1:" + this.tcpPort
				: "ws://127.0.0.1:" + this.httpPort + "/ipc";
		return Options.builder().url(url).appId(TestHandlers.APP);
	}

	private Options.Builder fastReconnect(Transport transport) {
		return options(transport).reconnectInitialDelay(Duration.ofMillis(50))
			.reconnectMaxDelay(Duration.ofMillis(500))
			.reconnectJitter(Duration.ofMillis(50))
			.connectTimeout(Duration.ofSeconds(5))
			.connectionListener(this.events);
	}

	private void startServer(String reconnectAfter) {
		// arguments, not default properties: ./config/application.yml would override those
		this.server = new SpringApplicationBuilder(TestIpcApplication.class).run("--server.port=" + this.httpPort,
				"--ipc.tcp.port=" + this.tcpPort, "--ipc.shutdown.timeout=200ms",
				"--ipc.shutdown.reconnect-after=" + reconnectAfter, "--ipc.shutdown.reconnect-jitter=0ms",
				"--ipc.history.size=10",
				"--spring.main.banner-mode=off");
		AbstractServerConnectionFactory tcp = this.server.getBean(AbstractServerConnectionFactory.class);
		await().atMost(WAIT).until(tcp::isListening);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The listener's events, in queues a test can wait on. */
	static final class RecordingListener implements ConnectionListener {

		final BlockingQueue<Boolean> connected = new LinkedBlockingQueue<>();

		final BlockingQueue<Throwable> disconnected = new LinkedBlockingQueue<>();

		final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

		final BlockingQueue<ChannelRecovery> recoveries = new LinkedBlockingQueue<>();

		final CountDownLatch closed = new CountDownLatch(1);

		@Override
		public void connected(IpcClient client, String connectionId, boolean reconnected) {
			this.connected.add(reconnected);
		}

		@Override
		public void disconnected(IpcClient client, Throwable cause) {
			this.disconnected.add(cause);
		}

		@Override
		public void error(IpcClient client, Throwable error) {
			this.errors.add(error);
		}

		@Override
		public void recovery(IpcClient client, ChannelRecovery recovery) {
			this.recoveries.add(recovery);
		}

		@Override
		public void closed(IpcClient client) {
			this.closed.countDown();
		}

	}

}
