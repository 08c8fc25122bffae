package dev.ipcframework.demo;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.IpcClientException;
import dev.ipcframework.client.Options;
import dev.ipcframework.protocol.IpcEnvelope;
import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The demo applications through the Java client: chat rooms with announcements and user lists, monitoring alerts,
 * and an upload whose checksum does not match.
 */
@Import(DemoConfiguration.class)
@TestPropertySource(properties = { "ipc.demo.enabled=true", "ipc.demo.monitoring.cpu-threshold=50" })
class DemoAppsTests extends IpcServerTest {

	private IpcClient ada;

	private IpcClient bob;

	@AfterEach
	void close() {
		if (this.ada != null) {
			this.ada.close();
		}
		if (this.bob != null) {
			this.bob.close();
		}
	}

	@Test
	void chatAnnouncesJoinsAndLeavesAndListsTheRoom() throws Exception {
		this.ada = connect(ChatApp.APP);
		this.bob = connect(ChatApp.APP);
		BlockingQueue<IpcEnvelope> adaSees = new LinkedBlockingQueue<>();
		this.ada.subscribe("room.tea", adaSees::add);
		this.ada.request("join", Map.of("user", "ada", "room", "tea")).get(10, TimeUnit.SECONDS);
		assertThat(adaSees.poll(10, TimeUnit.SECONDS).payload().path("user").asString()).isEqualTo("ada");

		JsonNode joined = this.bob.request("join", Map.of("user", "bob", "room", "tea")).get(10, TimeUnit.SECONDS);
		this.bob.publish("room.tea", Map.of("type", "message", "user", "bob", "text", "hello"));

		assertThat(joined.path("users").toString()).isEqualTo("[\"ada\",\"bob\"]");
		assertThat(adaSees.poll(10, TimeUnit.SECONDS).payload().path("type").asString()).isEqualTo("join");
		assertThat(adaSees.poll(10, TimeUnit.SECONDS).payload().path("text").asString()).isEqualTo("hello");

		this.bob.request("leave", Map.of("user", "bob", "room", "tea")).get(10, TimeUnit.SECONDS);
		JsonNode left = adaSees.poll(10, TimeUnit.SECONDS).payload();
		assertThat(left.path("type").asString()).isEqualTo("leave");
		assertThat(this.ada.request("users", Map.of("room", "tea")).get(10, TimeUnit.SECONDS).path("users").toString())
			.isEqualTo("[\"ada\"]");
	}

	@Test
	void monitoringRaisesAnAlertAboveTheThreshold() throws Exception {
		this.ada = connect(MonitoringApp.APP);
		BlockingQueue<IpcEnvelope> alerts = new LinkedBlockingQueue<>();
		this.ada.subscribe("alerts", alerts::add);
		this.ada.ping().get(10, TimeUnit.SECONDS);

		this.ada.publish("metrics", Map.of("host", "calm", "cpu", 10.0, "memory", 20.0));
		this.ada.publish("metrics", Map.of("host", "busy", "cpu", 97.5, "memory", 20.0));

		JsonNode alert = alerts.poll(10, TimeUnit.SECONDS).payload();
		assertThat(alert.path("host").asString()).isEqualTo("busy");
		assertThat(alert.path("metric").asString()).isEqualTo("cpu");
		assertThat(alert.path("level").asString()).isEqualTo("critical");
		assertThat(this.ada.request("status", Map.of()).get(10, TimeUnit.SECONDS).propertyNames()).contains("calm", "busy");
		assertThat(alerts).isEmpty();
	}

	@Test
	void uploadWithTheWrongChecksumIsRefused() throws Exception {
		this.ada = connect(FileShareApp.APP);
		JsonNode started = this.ada.request("upload_start", Map.of("name", "a.txt", "size", 2, "sha256", "00"))
			.get(10, TimeUnit.SECONDS);
		String id = started.path("upload_id").asString();
		this.ada.request("upload_chunk", Map.of("upload_id", id, "index", 0, "data", "aGk=")).get(10, TimeUnit.SECONDS);

		Throwable failure = catchThrowable(() -> this.ada.request("upload_finish", Map.of("upload_id", id)).get(10, TimeUnit.SECONDS));

		assertThat(((IpcClientException) failure.getCause()).code()).isEqualTo("BAD_REQUEST");
		assertThat(failure.getCause()).hasMessageContaining("checksum mismatch");
	}

	private IpcClient connect(String app) {
		return IpcClient.connect(Options.builder().url("tcp://127.0.0.1:" + tcpPort()).appId(app).build());
	}

}
