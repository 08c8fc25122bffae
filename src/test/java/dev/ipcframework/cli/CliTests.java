package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.demo.DemoConfiguration;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code ipc} command run in-process against the real server (the test handlers plus the demo
 * applications), with its output and exit code captured.
 */
@Import(DemoConfiguration.class)
@TestPropertySource(properties = "ipc.demo.enabled=true")
class CliTests extends IpcServerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private TestHandlers handlers;

	@TempDir
	Path directory;

	@AfterEach
	void releaseSlowHandler() {
		this.handlers.slowGate.countDown();
	}

	@Test
	void requestPrintsTheResponsePayloadAsOneJsonLine() throws Exception {
		CliResult result = run("request", "test", "greet", "{\"name\":\"Ada\",\"age\":36}", "-u", tcpUrl());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
		JsonNode payload = JSON.readTree(result.out());
		assertThat(payload.path("text").asString()).isEqualTo("Hello, Ada");
		assertThat(result.out().strip()).doesNotContain("\n");
	}

	@Test
	void exitCodesTellErrorsUsageConnectionAndTimeoutApart() {
		CliResult error = run("request", "test", "no-such-channel", "{}", "-u", wsUrl());
		assertThat(error.exitCode()).isEqualTo(ExitCodes.ERROR_RESPONSE);
		assertThat(error.err()).contains("NO_HANDLER");

		CliResult usage = run("request", "test", "echo", "{not json", "-u", tcpUrl());
		assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(usage.err()).contains("not valid JSON");

		CliResult connection = run("request", "test", "echo", "{}", "-u", "tcp://127.0.0.1:1", "-t", "2s");
		assertThat(connection.exitCode()).isEqualTo(ExitCodes.CONNECTION);
		assertThat(connection.err()).contains("CONNECT_FAILED");

		this.handlers.slowGate = new CountDownLatch(1);
		CliResult timeout = run("request", "test", "slow", "{}", "-u", tcpUrl(), "-t", "300ms");
		assertThat(timeout.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
		assertThat(timeout.err()).contains("no response on channel 'slow' within 300 ms");
	}

	@Test
	void subscribePrintsOneJsonLinePerPublishedMessage() throws Exception {
		StringWriter subscriberOut = new StringWriter();
		StringWriter subscriberErr = new StringWriter();
		CompletableFuture<Integer> subscriber = CompletableFuture.supplyAsync(
				() -> command(subscriberOut, subscriberErr).execute("subscribe", "test", "ticker", "-n", "2", "-u", wsUrl()));
		await().atMost(Duration.ofSeconds(20)).until(() -> subscriberErr.toString().contains("subscribed to test/ticker"));

		assertThat(run("publish", "test", "ticker", "{\"price\":1}", "-u", tcpUrl()).exitCode()).isZero();
		assertThat(run("publish", "test", "ticker", "{\"price\":2}", "-u", tcpUrl()).exitCode()).isZero();

		assertThat(subscriber.get(20, TimeUnit.SECONDS)).isZero();
		String[] lines = subscriberOut.toString().strip().split("\n");
		assertThat(lines).hasSize(2);
		assertThat(JSON.readTree(lines[0]).path("payload").path("price").asInt()).isEqualTo(1);
		assertThat(JSON.readTree(lines[1]).path("message_type").asString()).isEqualTo("publish");
		assertThat(JSON.readTree(lines[1]).path("payload").path("price").asInt()).isEqualTo(2);
	}

	@Test
	void publishTheServerRefusesExitsWithOneAndPrintsTheRefusal() {
		CliResult result = run("publish", "test", "system", "{\"text\":\"hi\"}", "-u", tcpUrl());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR_RESPONSE);
		assertThat(result.err()).contains("FORBIDDEN", "channel 'system' does not take publish messages");
	}

	@Test
	void subscribeTheServerRefusesEndsAtOnceWithTheRefusal() throws Exception {
		CompletableFuture<CliResult> subscriber = CompletableFuture
			.supplyAsync(() -> run("subscribe", "test", "system", "--timeout", "3s", "-u", wsUrl()));

		CliResult result = subscriber.get(10, TimeUnit.SECONDS);
		assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR_RESPONSE);
		assertThat(result.err()).contains("FORBIDDEN", "subscribe").doesNotContain("subscribed to");
	}

	@Test
	void fileSentInChunksComesBackIdenticalWithItsChecksumVerified() throws Exception {
		byte[] content = new byte[200_000];
		new Random(42).nextBytes(content);
		Path original = Files.write(this.directory.resolve("photo.bin"), content);
		Path copy = this.directory.resolve("copy.bin");

		CliResult sent = run("file", "send", original.toString(), "-u", tcpUrl());
		CliResult got = run("file", "get", "photo.bin", "-o", copy.toString(), "-u", wsUrl());

		assertThat(sent.exitCode()).isZero();
		assertThat(sent.out()).contains("sent photo.bin (200000 bytes");
		assertThat(sent.err()).contains("100% 200000/200000 bytes");
		assertThat(got.exitCode()).isZero();
		assertThat(got.out()).contains("verified");
		assertThat(Files.readAllBytes(copy)).isEqualTo(content);
		assertThat(run("file", "get", "missing.bin", "-u", tcpUrl()).exitCode()).isEqualTo(ExitCodes.ERROR_RESPONSE);
	}

	@Test
	void demoWalksThroughEveryPattern() {
		CliResult result = run("demo", "-u", tcpUrl());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("bob <- {\"sum\":5}", "bob <- {\"headline\":\"IPC on the JVM\"}",
				"NO_HANDLER", "every pattern worked");
	}

	@Test
	void statsPrintsTheServersFigures() throws Exception {
		CliResult result = run("stats", "--http", "http://127.0.0.1:" + this.httpPort);

		assertThat(result.exitCode()).isZero();
		assertThat(JSON.readTree(result.out()).has("connections")).isTrue();
		assertThat(run("stats", "--http", "http://127.0.0.1:1").exitCode()).isEqualTo(ExitCodes.CONNECTION);
	}

	@Test
	void benchReportsThroughputAndPercentiles() {
		CliResult result = run("bench", "-u", tcpUrl(), "--app", "test", "--duration", "300ms", "--warmup", "100ms",
				"--connections", "2", "--in-flight", "2", "--subscribers", "2", "--sizes", "100");

		assertThat(result.exitCode()).isZero();
		assertThat(result.out()).contains("2 x 2", "req/s", "deliveries/s");
	}

	private String tcpUrl() {
		return "tcp://127.0.0.1:" + tcpPort();
	}

	private String wsUrl() {
		return "ws://127.0.0.1:" + this.httpPort + "/ipc";
	}

	private static CliResult run(String... arguments) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = command(out, err).execute(arguments);
		return new CliResult(exitCode, out.toString(), err.toString());
	}

	private static CommandLine command(StringWriter out, StringWriter err) {
		CommandLine commandLine = IpcCommand.commandLine();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		return commandLine;
	}

}
