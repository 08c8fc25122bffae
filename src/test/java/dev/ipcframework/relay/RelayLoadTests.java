package dev.ipcframework.relay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.PythonStyleClient;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several responders share a channel's requests, and many requests in flight at once each get their own answer.
 */
class RelayLoadTests extends RelayServerTest {

	private static final String APP = TestHandlers.APP;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void threeRespondersShareTheLoad(Transport transport) throws Exception {
		List<AtomicInteger> handled = List.of(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
		for (AtomicInteger count : handled) {
			echoResponder(transport, "shared", count);
		}
		RawClient requester = connected(transport, APP);

		Map<String, Integer> sent = sendNumbered(requester, "shared", 300);
		assertAllAnswered(requester, sent);

		assertThat(handled).allSatisfy((count) -> assertThat(count.get()).isPositive());
		assertThat(handled.stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(300);
	}

	@Test
	void responderWithTheFewestOutstandingRequestsIsChosen() {
		List<RawClient> responders = List.of(connected(Transport.TCP, APP), connected(Transport.TCP, APP),
				connected(Transport.TCP, APP));
		responders.forEach((responder) -> serve(responder, "balanced"));
		RawClient requester = connected(Transport.TCP, APP);

		// all idle: three requests, one each; then one more each
		Set<Integer> firstRound = new HashSet<>();
		Set<Integer> secondRound = new HashSet<>();
		List<Received> heldByFirst = new ArrayList<>();
		for (Set<Integer> round : List.of(firstRound, secondRound)) {
			for (int i = 0; i < 3; i++) {
				requester.send("balanced", "request", Map.of());
				Received received = receivedByOneOf(responders, "balanced");
				round.add(received.responder());
				if (received.responder() == 0) {
					heldByFirst.add(received);
				}
			}
		}
		// the first answers both of its requests; it now owes nothing while the others owe two each
		for (Received held : heldByFirst) {
			answer(responders.get(0), held.request(), "ok");
			requester.await((frame) -> "response".equals(frame.path("message_type").asString()));
		}
		int nextA = receivedAfterSending(requester, responders);
		int nextB = receivedAfterSending(requester, responders);

		assertThat(firstRound).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(secondRound).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(heldByFirst).hasSize(2);
		assertThat(nextA).isZero();
		assertThat(nextB).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void thousandConcurrentRelayedRequestsAreAllMatched(Transport transport) throws Exception {
		for (int i = 0; i < 3; i++) {
			echoResponder(transport, "bulk", new AtomicInteger());
		}
		RawClient requester = connected(transport, APP);

		Map<String, Integer> sent = sendNumbered(requester, "bulk", 1000);

		assertAllAnswered(requester, sent);
		assertThat(this.relay.pendingCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void sixteenConcurrentRequestersLoseNoRequest(Transport transport) throws Exception {
		for (int i = 0; i < 3; i++) {
			echoResponder(transport, "crowded", new AtomicInteger());
		}
		List<RawClient> requesters = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			requesters.add(connected(transport, APP));
		}
		long droppedBefore = dropped();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<Integer>> answered = new ArrayList<>();
			for (RawClient requester : requesters) {
				answered.add(pool.submit(() -> {
					assertAllAnswered(requester, sendNumbered(requester, "crowded", 100));
					return 100;
				}));
			}
			int total = 0;
			for (Future<Integer> result : answered) {
				total += result.get(60, TimeUnit.SECONDS);
			}

			assertThat(total).isEqualTo(1600);
			assertThat(this.relay.pendingCount()).isZero();
			assertThat(dropped()).isEqualTo(droppedBefore);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** A Python-style responder that answers each request with its payload and counts them. */
	private void echoResponder(Transport transport, String channel, AtomicInteger handled) throws Exception {
		PythonStyleClient responder = new PythonStyleClient(open(transport), APP);
		CompletableFuture<JsonNode> served = responder.serve(channel, (payload) -> {
			handled.incrementAndGet();
			return payload;
		});
		served.get(10, TimeUnit.SECONDS);
	}

	private static Map<String, Integer> sendNumbered(RawClient requester, String channel, int count) {
		Map<String, Integer> sent = new HashMap<>();
		for (int n = 0; n < count; n++) {
			sent.put(requester.send(channel, "request", Map.of("n", n)), n);
		}
		return sent;
	}

	/** Every request got exactly one answer, its own, and no error. */
	private static void assertAllAnswered(RawClient requester, Map<String, Integer> sent) {
		Set<String> answered = new HashSet<>();
		for (int i = 0; i < sent.size(); i++) {
			JsonNode response = requester.next();
			String replyTo = response.path("reply_to").asString();
			assertThat(response.path("message_type").asString()).isEqualTo("response");
			assertThat(response.path("payload").has("error")).as("error in %s", response).isFalse();
			assertThat(sent).containsKey(replyTo);
			assertThat(response.path("payload").path("n").asInt()).isEqualTo(sent.get(replyTo));
			assertThat(answered.add(replyTo)).as("answered twice: %s", replyTo).isTrue();
		}
	}

	private static int receivedAfterSending(RawClient requester, List<RawClient> responders) {
		requester.send("balanced", "request", Map.of());
		return receivedByOneOf(responders, "balanced").responder();
	}

}
