package dev.ipcframework.relay;

import java.time.Duration;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relayed request ends in one answer, and nothing reaches a requester that it did not ask for.
 */
class RelayFailureTests extends RelayServerTest {

	private static final String APP = TestHandlers.APP;

	private static final String OTHER_APP = "other";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void responderKilledMidFlightAnswersEachOfItsRequestersWithResponderGone(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient first = connected(transport, APP);
		RawClient second = connected(transport, APP);
		serve(responder, "fragile");
		String firstId = first.send("fragile", "request", Map.of("n", 1));
		String secondId = second.send("fragile", "request", Map.of("n", 2));
		awaitForwarded(responder, "fragile");
		awaitForwarded(responder, "fragile");

		responder.close();

		assertThat(errorCode(first.awaitResponse(firstId))).isEqualTo("RESPONDER_GONE");
		assertThat(errorCode(second.awaitResponse(secondId))).isEqualTo("RESPONDER_GONE");
		assertThat(this.relay.pendingCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestAskingForAShorterTimeoutGetsTimeoutAndTheLateAnswerIsDroppedAndCounted(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "sluggish");
		long timeoutsBefore = this.stats.snapshot().errors().get(IpcErrorCode.TIMEOUT);

		// the server-wide timeout is 30 s here; the client's awaitResponse gives up after 10 s
		String requestId = requestWithTimeout(requester, "sluggish", Map.of(), 200);
		JsonNode forwarded = awaitForwarded(responder, "sluggish");
		JsonNode response = requester.awaitResponse(requestId);
		long droppedBefore = dropped();
		answer(responder, forwarded, Map.of("too", "late"));
		responder.sync();

		assertThat(errorCode(response)).isEqualTo("TIMEOUT");
		assertThat(this.stats.snapshot().errors().get(IpcErrorCode.TIMEOUT)).isGreaterThan(timeoutsBefore);
		assertThat(dropped()).isGreaterThan(droppedBefore);
		assertThat(requester.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void responseForAnUnknownIdIsDroppedAndCounted(Transport transport) {
		RawClient client = connected(transport, APP);
		RawClient bystander = connected(transport, APP);
		long before = dropped();

		respond(client, "anything", "no-such-request", Map.of("x", 1));
		client.sync();

		assertThat(dropped()).isGreaterThan(before);
		assertThat(client.poll(Duration.ofMillis(100))).isNull();
		assertThat(bystander.poll(Duration.ofMillis(100))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void responseFromAConnectionThatWasNotAskedIsDroppedAndTheAskedOneStillAnswers(Transport transport) {
		RawClient responder = connected(transport, APP);
		RawClient impostor = connected(transport, APP);
		RawClient requester = connected(transport, APP);
		serve(responder, "guarded");
		String requestId = requester.send("guarded", "request", Map.of());
		JsonNode forwarded = awaitForwarded(responder, "guarded");
		long before = dropped();

		answer(impostor, forwarded, Map.of("from", "impostor"));
		impostor.sync();
		answer(responder, forwarded, Map.of("from", "responder"));

		assertThat(dropped()).isGreaterThan(before);
		assertThat(requester.awaitResponse(requestId).path("payload").path("from").asString())
			.isEqualTo("responder");
		assertThat(requester.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void respondersOfAnotherAppNeverSeeTheRequests(Transport transport) {
		RawClient ours = connected(transport, APP);
		RawClient theirs = connected(transport, OTHER_APP);
		RawClient requester = connected(transport, APP);
		serve(theirs, "shared-name");

		JsonNode unanswered = requester.request("shared-name", Map.of());
		serve(ours, "shared-name");
		for (int i = 0; i < 5; i++) {
			String requestId = requester.send("shared-name", "request", Map.of("i", i));
			answer(ours, awaitForwarded(ours, "shared-name"), Map.of("i", i));
			requester.awaitResponse(requestId);
		}

		assertThat(errorCode(unanswered)).isEqualTo("NO_HANDLER");
		assertThat(theirs.poll(Duration.ofMillis(200))).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void responderCannotAnswerIntoAnotherApp(Transport transport) {
		RawClient ours = connected(transport, APP);
		RawClient theirs = connected(transport, OTHER_APP);
		RawClient requester = connected(transport, APP);
		serve(ours, "walled");
		String requestId = requester.send("walled", "request", Map.of());
		JsonNode forwarded = awaitForwarded(ours, "walled");
		long before = dropped();

		ObjectNode crossApp = RawClient.envelope(APP, "walled", "response", Map.of("from", "theirs"));
		crossApp.put("reply_to", forwarded.path("message_id").asString());
		theirs.sendJson(crossApp.toString());
		answer(theirs, forwarded, Map.of("from", "theirs"));
		theirs.sync();
		answer(ours, forwarded, Map.of("from", "ours"));

		assertThat(dropped()).isGreaterThan(before);
		assertThat(requester.awaitResponse(requestId).path("payload").path("from").asString()).isEqualTo("ours");
	}

}
