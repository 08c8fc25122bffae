package dev.ipcframework.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ipcframework.stats.StatisticsCollector;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server on free ports, plus what relay tests say over and over: serve a channel, wait for a forwarded
 * request, answer it as a raw responder.
 */
abstract class RelayServerTest extends IpcServerTest {

	@Autowired
	protected RequestRelay relay;

	@Autowired
	protected StatisticsCollector stats;

	protected static JsonNode serve(RawClient responder, String channel) {
		JsonNode answer = responder
			.awaitResponse(responder.send("system", "request", Map.of("action", "serve", "channel_id", channel)));
		if (!"serving".equals(answer.path("payload").path("status").asString())) {
			throw new AssertionError("serve refused: " + answer);
		}
		return answer;
	}

	/** The next request the server forwards to this responder on the channel. */
	protected static JsonNode awaitForwarded(RawClient responder, String channel) {
		return responder.await((frame) -> "request".equals(frame.path("message_type").asString())
				&& channel.equals(frame.path("channel_id").asString()));
	}

	/** Answers a forwarded request the way any client answers: a response whose reply_to is the request's id. */
	protected static String answer(RawClient responder, JsonNode forwarded, Object payload) {
		return respond(responder, forwarded.path("channel_id").asString(), forwarded.path("message_id").asString(),
				payload);
	}

	protected static String respond(RawClient responder, String channel, String replyTo, Object payload) {
		ObjectNode response = RawClient.envelope(responder.appId(), channel, "response", payload);
		response.put("reply_to", replyTo);
		responder.sendJson(response.toString());
		return response.path("message_id").asString();
	}

	/** Sends a request that asks for a shorter server-side timeout and returns its id. */
	protected static String requestWithTimeout(RawClient requester, String channel, Object payload, long millis) {
		ObjectNode request = RawClient.envelope(requester.appId(), channel, "request", payload);
		request.put("timeout_ms", millis);
		requester.sendJson(request.toString());
		return request.path("message_id").asString();
	}

	protected static String errorCode(JsonNode response) {
		return response.path("payload").path("error").path("code").asString();
	}

	/** Which of the responders the next forwarded request went to, and the request. */
	protected static Received receivedByOneOf(List<RawClient> responders, String channel) {
		long deadline = System.nanoTime() + RawClient.TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (int i = 0; i < responders.size(); i++) {
				JsonNode frame = responders.get(i).poll(Duration.ofMillis(5));
				if (frame != null && "request".equals(frame.path("message_type").asString())
						&& channel.equals(frame.path("channel_id").asString())) {
					return new Received(i, frame);
				}
			}
		}
		throw new AssertionError("no responder received a request on '" + channel + "' within " + RawClient.TIMEOUT);
	}

	protected record Received(int responder, JsonNode request) {
	}

	protected long dropped() {
		return this.stats.snapshot().messagesDropped();
	}

}
