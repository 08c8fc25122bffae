package dev.ipcframework;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Many clients at once over each transport, each with several requests in flight: every response reaches the
 * client that asked and answers the request it names.
 */
class ConcurrentClientsTests extends IpcServerTest {

	private static final String APP = TestHandlers.APP;

	private static final int CLIENTS = 200;

	private static final int REQUESTS_PER_CLIENT = 100;

	/** Requests each client keeps in flight. */
	private static final int WINDOW = 10;

	private static final Duration TIME_LIMIT = Duration.ofSeconds(120);

	@ParameterizedTest
	@EnumSource(Transport.class)
	void everyResponseOfManyConcurrentClientsMatchesItsRequest(Transport transport) throws Exception {
		HttpClient http = (transport == Transport.WEBSOCKET) ? HttpClient.newHttpClient() : null;
		List<RawClient> clients = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		try {
			int answered = assertTimeoutPreemptively(TIME_LIMIT, () -> {
				List<RawClient> connected = runAll(pool, (index) -> () -> {
					RawClient client = (transport == Transport.TCP) ? RawClient.tcp(tcpPort())
							: RawClient.websocket(URI.create("ws://127.0.0.1:" + this.httpPort + "/ipc"), http);
					synchronized (clients) {
						clients.add(client);
					}
					client.connect(APP);
					return client;
				});
				CountDownLatch start = new CountDownLatch(1);
				List<Integer> counts = runAll(pool, (index) -> () -> {
					start.await();
					return exchange(connected.get(index), index);
				}, start);
				return counts.stream().mapToInt(Integer::intValue).sum();
			});

			assertThat(answered).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT).isEqualTo(20_000);
		}
		finally {
			pool.shutdownNow();
			synchronized (clients) {
				clients.forEach(RawClient::close);
			}
			pool.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * Sends {@link #REQUESTS_PER_CLIENT} echo requests with {@link #WINDOW} in flight and checks every frame that
	 * comes back against the request it answers.
	 * @return the number of requests answered correctly
	 */
	private static int exchange(RawClient client, int clientIndex) {
		Map<String, Integer> pending = new HashMap<>();
		int sent = 0;
		int answered = 0;
		while (sent < WINDOW) {
			pending.put(send(client, clientIndex, sent), sent);
			sent++;
		}
		while (answered < REQUESTS_PER_CLIENT) {
			JsonNode response = client.next();
			assertThat(response.path("message_type").asString()).as("client %d got %s", clientIndex, response)
				.isEqualTo("response");
			assertThat(response.path("channel_id").asString()).isEqualTo("echo");
			Integer requestIndex = pending.remove(response.path("reply_to").asString());
			assertThat(requestIndex).as("client %d got an answer to no request of its own: %s", clientIndex, response)
				.isNotNull();
			JsonNode payload = response.path("payload");
			assertThat(payload.path("client").asInt(-1)).as("client in %s", response).isEqualTo(clientIndex);
			assertThat(payload.path("request").asInt(-1)).as("request in %s", response).isEqualTo(requestIndex);
			assertThat(payload.path("text").asString()).isEqualTo(text(clientIndex, requestIndex));
			answered++;
			if (sent < REQUESTS_PER_CLIENT) {
				pending.put(send(client, clientIndex, sent), sent);
				sent++;
			}
		}
		assertThat(pending).isEmpty();
		return answered;
	}

	private static String send(RawClient client, int clientIndex, int requestIndex) {
		return client.send("echo", "request", Map.of("client", clientIndex, "request", requestIndex, "text",
				text(clientIndex, requestIndex), "connection_id", client.connectionId()));
	}

	private static String text(int clientIndex, int requestIndex) {
		return "client " + clientIndex + " request " + requestIndex;
	}

	/** Runs one task per client on the pool, optionally releasing a latch once all are queued, and waits. */
	private static <T> List<T> runAll(ExecutorService pool, java.util.function.IntFunction<Callable<T>> task,
			CountDownLatch... release) throws Exception {
		List<Future<T>> futures = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			futures.add(pool.submit(task.apply(i)));
		}
		for (CountDownLatch latch : release) {
			latch.countDown();
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			try {
				results.add(future.get());
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw (Exception) ex.getCause();
			}
		}
		return results;
	}

}
