package dev.ipcframework.testapp;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.client.IpcClientException;
import dev.ipcframework.test.IpcTest;
import dev.ipcframework.test.IpcTestClient;
import dev.ipcframework.testapp.TestHandlers.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the test application's handlers answer, and how their failures reach the caller: error codes, binding and
 * validation, asynchronous results. Through the {@code @IpcTest} slice; the wire format of the same exchanges is
 * tested on both transports in {@code MessagingPatternsTests}.
 */
@IpcTest(handlers = TestHandlers.class)
class TestHandlersTests {

	@Autowired
	private IpcTestClient client;

	@Autowired
	private TestHandlers handlers;

	private IpcTestClient.AppClient app() {
		return this.client.app(TestHandlers.APP);
	}

	@Test
	void handlerExceptionBecomesHandlerErrorWithItsMessage() {
		assertThatExceptionOfType(IpcClientException.class).isThrownBy(() -> app().request("fail", Map.of()))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("HANDLER_ERROR"))
			.withMessageEndingWith("the handler broke on purpose");
	}

	@Test
	void handlerChoosesItsErrorCodeWithIpcException() {
		assertThatExceptionOfType(IpcClientException.class).isThrownBy(() -> app().request("forbidden", Map.of()))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("FORBIDDEN"))
			.withMessageEndingWith("not for you");
	}

	@Test
	void payloadThatDoesNotBindIsABadRequestNamingTheField() {
		assertThatExceptionOfType(IpcClientException.class)
			.isThrownBy(() -> app().request("greet", Map.of("name", "Ada", "age", "old")))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("BAD_REQUEST"))
			.withMessageContaining("'age'");
	}

	@Test
	void payloadThatFailsValidationIsABadRequestNamingTheField() {
		assertThatExceptionOfType(IpcClientException.class)
			.isThrownBy(() -> app().request("order", new Order("", 2)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("BAD_REQUEST"))
			.withMessageContaining("'item'");
		assertThat(app().expectError("order", new Order("tea", 0))).isEqualTo("BAD_REQUEST");
		assertThat(app().request("order", new Order("tea", 2), String.class)).isEqualTo("ordered 2 tea");
	}

	@Test
	void futureResultAnswersWhenItCompletes() {
		JsonNode response = app().request("async", Map.of("value", 42));

		assertThat(response.path("async").asBoolean()).isTrue();
		assertThat(response.path("got").asInt()).isEqualTo(42);
	}

	@Test
	void monoResultAnswersWhenItCompletes() {
		assertThat(app().request("mono", Map.of(), String.class)).startsWith("mono:{");
	}

	@Test
	void voidHandlerAnswersWithNull() {
		assertThat(app().request("nothing", Map.of()).isNull()).isTrue();
	}

	@Test
	void requestWithoutHandlerIsNoHandler() {
		assertThat(app().expectError("nobody-home", Map.of())).isEqualTo("NO_HANDLER");
	}

	@Test
	void notificationReachesItsHandler() throws InterruptedException {
		this.handlers.notifications.clear();

		app().notify("events", Map.of("kind", "login"));

		JsonNode received = this.handlers.notifications.poll(10, TimeUnit.SECONDS);
		assertThat(received).isNotNull();
		assertThat(received.path("kind").asString()).isEqualTo("login");
	}

}
