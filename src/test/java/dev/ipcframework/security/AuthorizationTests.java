package dev.ipcframework.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.routing.ChannelRegistry;
import dev.ipcframework.testapp.SecuredAppHandlers;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.testsupport.SecuredServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-channel permissions of a token, over both transports: each action allowed where a pattern matches and
 * refused with {@code FORBIDDEN} elsewhere, with nothing of the refused action happening and the connection left
 * open; and a connection of one app trying everything on another.
 */
class AuthorizationTests extends SecuredServerTest {

	private static final Duration QUIET = Duration.ofMillis(300);

	@Autowired
	private ChannelRegistry channels;

	@Autowired
	private SecuredAppHandlers handlers;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribeOnlyWherePermitted(Transport transport) {
		RawClient reader = limited(transport, "subscribe", "news.*");
		RawClient publisher = unlimited(transport);

		reader.send("news.sports", "subscribe", Map.of());
		String denied = reader.send("secret.plans", "subscribe", Map.of());
		assertForbiddenNotice(reader, denied);
		reader.sync();
		publisher.send("news.sports", "publish", Map.of("score", 3));
		publisher.send("secret.plans", "publish", Map.of("plan", "x"));

		JsonNode delivered = reader.await((frame) -> "publish".equals(frame.path("message_type").asString()));
		assertThat(delivered.path("channel_id").asString()).isEqualTo("news.sports");
		assertThat(reader.poll(QUIET)).isNull();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void publishOnlyWherePermitted(Transport transport) {
		RawClient subscriber = unlimited(transport);
		subscriber.send("news.wire", "subscribe", Map.of());
		subscriber.send("alerts", "subscribe", Map.of());
		subscriber.sync();
		RawClient writer = limited(transport, "publish", "news.*");
		this.handlers.received.clear();

		String denied = writer.send("alerts", "publish", Map.of("fake", true));
		assertForbiddenNotice(writer, denied);
		writer.send("news.wire", "publish", Map.of("headline", "ok"));
		writer.sync();

		JsonNode delivered = subscriber.await((frame) -> "publish".equals(frame.path("message_type").asString()));
		assertThat(delivered.path("channel_id").asString()).isEqualTo("news.wire");
		assertThat(subscriber.poll(QUIET)).isNull();
		assertThat(this.handlers.received).extracting((payload) -> payload.path("headline").asString())
			.containsExactly("ok");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void notifyOnlyWherePermitted(Transport transport) {
		RawClient client = limited(transport, "notify", "events");
		this.handlers.received.clear();

		String denied = client.send("audit-" + transport, "notification", Map.of("n", 1));
		assertForbiddenNotice(client, denied);
		client.send("events", "notification", Map.of("n", 2));
		client.sync();

		assertThat(this.channels.find("alpha", "audit-" + transport)).as("no channel made for a refused action")
			.isNull();
		assertThat(awaitReceived().path("n").asInt()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void requestOnlyWherePermitted(Transport transport) {
		RawClient client = limited(transport, "request", "echo");

		JsonNode allowed = client.request("echo", Map.of("x", 1));
		JsonNode denied = client.request("whoami", Map.of());

		assertThat(allowed.path("payload").path("x").asInt()).isEqualTo(1);
		assertThat(denied.path("message_type").asString()).isEqualTo("response");
		assertThat(denied.path("channel_id").asString()).isEqualTo("whoami");
		assertThat(denied.path("payload").path("error").path("code").asString()).isEqualTo("FORBIDDEN");
		client.sync();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void serveOnlyWherePermitted(Transport transport) {
		RawClient worker = limited(transport, "serve", "jobs.*");
		RawClient requester = unlimited(transport);

		JsonNode serving = worker.request("system", Map.of("action", "serve", "channel_id", "jobs.print"));
		String deniedId = worker.send("system", "request", Map.of("action", "serve", "channel_id", "payroll"));
		JsonNode denied = assertForbiddenNotice(worker, deniedId);

		assertThat(serving.path("payload").path("status").asString()).isEqualTo("serving");
		assertThat(denied.path("message_type").asString()).isEqualTo("response");
		assertThat(requester.request("payroll", Map.of()).path("payload").path("error").path("code").asString())
			.isEqualTo("NO_HANDLER");
		worker.sync();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void noPermissionsClaimAllowsEverything(Transport transport) {
		RawClient client = unlimited(transport);

		client.send("anything", "subscribe", Map.of());
		client.send("anything", "publish", Map.of("n", 1));

		assertThat(client.await((frame) -> "publish".equals(frame.path("message_type").asString()))
			.path("channel_id")
			.asString()).isEqualTo("anything");
		assertThat(client.request("echo", Map.of("y", 2)).path("payload").path("y").asInt()).isEqualTo(2);
	}

	/** A connection of app beta, allowed everything there, names app alpha in every kind of message. */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void connectionOfAnotherAppCanDoNothingInThisOne(Transport transport) {
		RawClient insider = unlimited(transport);
		insider.send("news.wire", "subscribe", Map.of());
		insider.request("system", Map.of("action", "serve", "channel_id", "jobs.sweep"));
		insider.sync();
		this.handlers.received.clear();
		RawClient outsider = open(transport);
		outsider.connect("beta", token("mallory", "beta").sign());

		List<String> attempts = List.of(outsider.send("alpha", "news.wire", "subscribe", Map.of()),
				outsider.send("alpha", "news.wire", "unsubscribe", Map.of()),
				outsider.send("alpha", "news.wire", "publish", Map.of("forged", true)),
				outsider.send("alpha", "events", "notification", Map.of("forged", true)),
				outsider.send("alpha", "echo", "request", Map.of("forged", true)),
				outsider.send("alpha", "jobs.sweep", "request", Map.of("forged", true)),
				outsider.send("alpha", "system", "request", Map.of("action", "serve", "channel_id", "jobs.sweep")),
				outsider.send("alpha", "system", "request", Map.of("action", "connect")),
				outsider.send("alpha", "whoami", "response", Map.of("forged", true)));

		for (String attempt : attempts) {
			assertForbiddenNotice(outsider, attempt);
		}
		outsider.sync();
		assertThat(insider.poll(QUIET)).as("nothing reached app alpha's client").isNull();
		assertThat(this.handlers.received).isEmpty();
		assertThat(outsider.isClosed()).isFalse();
	}

	private RawClient limited(Transport transport, String action, String pattern) {
		RawClient client = open(transport);
		client.connect("alpha", token("limited", "alpha").permissions(Map.of(action, List.of(pattern))).sign());
		return client;
	}

	private RawClient unlimited(Transport transport) {
		RawClient client = open(transport);
		client.connect("alpha", token("trusted", "alpha").sign());
		return client;
	}

	/** The error about the message {@code messageId}: FORBIDDEN, on {@code system} or as its response. */
	private static JsonNode assertForbiddenNotice(RawClient client, String messageId) {
		JsonNode notice = client.await((frame) -> messageId.equals(frame.path("reply_to").asString()));
		assertThat(notice.path("payload").path("error").path("code").asString()).isEqualTo("FORBIDDEN");
		if (!"response".equals(notice.path("message_type").asString())) {
			assertThat(notice.path("channel_id").asString()).isEqualTo("system");
			assertThat(notice.path("message_type").asString()).isEqualTo("notification");
		}
		return notice;
	}

	private JsonNode awaitReceived() {
		try {
			JsonNode payload = this.handlers.received.poll(RawClient.TIMEOUT.toMillis(),
					java.util.concurrent.TimeUnit.MILLISECONDS);
			assertThat(payload).as("a notification reached the handler").isNotNull();
			return payload;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
