package dev.ipcframework;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.routing.HandlerDispatcher;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testapp.TestIpcApplication;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the server drains it: readiness goes out of service, clients are told when to come back, new connections
 * are refused, requests in flight still get their responses, and only then do connections close.
 */
class DrainTests {

	@Test
	void requestsInFlightFinishWhileNewConnectionsAreRefused() throws Exception {
		// arguments, not default properties: those would lose to the ports of ./config/application.yml
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TestIpcApplication.class)
			// arguments, not default properties, which any configuration file would override
			.run("--server.port=0", "--ipc.tcp.port=0", "--ipc.shutdown.timeout=15s",
					"--ipc.shutdown.reconnect-after=1s", "--ipc.shutdown.reconnect-jitter=2s",
					"--management.endpoint.health.probes.enabled=true");
		TestHandlers handlers = context.getBean(TestHandlers.class);
		handlers.slowGate = new CountDownLatch(1);
		AbstractServerConnectionFactory tcp = context.getBean(AbstractServerConnectionFactory.class);
		await().atMost(Duration.ofSeconds(10)).until(tcp::isListening);
		int tcpPort = tcp.getPort();
		String httpPort = context.getEnvironment().getProperty("local.server.port");
		RawClient tcpClient = RawClient.tcp(tcpPort);
		RawClient wsClient = RawClient.websocket(URI.create("ws://127.0.0.1:" + httpPort + "/ipc"));
		List<RawClient> clients = List.of(tcpClient, wsClient);
		try {
			clients.forEach((client) -> client.connect(TestHandlers.APP));
			String tcpRequest = tcpClient.send("slow", "request", Map.of());
			String wsRequest = wsClient.send("slow", "request", Map.of());
			HandlerDispatcher dispatcher = context.getBean(HandlerDispatcher.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.inFlight() == 2);

			CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

			for (RawClient client : clients) {
				JsonNode notice = client.next();
				assertThat(notice.path("channel_id").asString()).isEqualTo("system");
				assertThat(notice.path("message_type").asString()).isEqualTo("notification");
				assertThat(notice.path("payload").path("action").asString()).isEqualTo("drain");
				assertThat(notice.path("payload").path("reconnect_after_ms").asLong()).isBetween(1000L, 3000L);
			}
			HttpResponse<String> readiness = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(readiness.body()).contains("OUT_OF_SERVICE");
			try (RawClient late = RawClient.tcp(tcpPort)) {
				JsonNode refused = late.next();
				assertThat(refused.path("payload").path("error").path("code").asString()).isEqualTo("SHUTTING_DOWN");
				assertThat(late.awaitClosed(Duration.ofSeconds(10))).isTrue();
			}
			assertThat(closing).isNotDone();

			handlers.slowGate.countDown();

			assertThat(tcpClient.awaitResponse(tcpRequest).path("payload").asString()).isEqualTo("released");
			assertThat(wsClient.awaitResponse(wsRequest).path("payload").asString()).isEqualTo("released");
			closing.get(30, TimeUnit.SECONDS);
			assertThat(tcpClient.awaitClosed(Duration.ofSeconds(10))).isTrue();
			assertThat(wsClient.awaitClosed(Duration.ofSeconds(10))).isTrue();
		}
		finally {
			handlers.slowGate.countDown();
			clients.forEach(RawClient::close);
			context.close();
		}
	}

}
