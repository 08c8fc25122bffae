package dev.ipcframework.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.demo.DemoConfiguration;
import dev.ipcframework.routing.IpcTemplate;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code ipc} command as a separate process, as a shell script runs it: its output and its exit codes.
 */
@Import(DemoConfiguration.class)
@TestPropertySource(properties = "ipc.demo.enabled=true")
class CliProcessTests extends IpcServerTest {

	@Autowired
	private IpcTemplate template;

	@TempDir
	Path directory;

	@Test
	void requestInAProcessPrintsTheResponseAndExitsWithZero() throws Exception {
		CliResult result = ipc("request", "test", "echo", "{\"caf\u00e9\":1}", "-u", "tcp://127.0.0.1:" + tcpPort());

		assertThat(result.exitCode()).isZero();
		assertThat(result.out().strip()).isEqualTo("{\"caf\u00e9\":1}");
	}

	@Test
	void failingRequestInAProcessExitsWithOneAndSaysWhy() throws Exception {
		CliResult result = ipc("request", "test", "fail", "{}", "-u", "ws://127.0.0.1:" + this.httpPort + "/ipc");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR_RESPONSE);
		assertThat(result.err()).contains("HANDLER_ERROR", "the handler broke on purpose");
	}

	@Test
	void subscribeInAProcessPrintsOneJsonLinePerMessage() throws Exception {
		Process subscriber = start("subscribe", "test", "quotes", "-n", "2", "-u", "tcp://127.0.0.1:" + tcpPort());
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.template.subscriberCount("test", "quotes") == 1);

			this.template.publish("test", "quotes", Map.of("price", 1));
			this.template.publish("test", "quotes", Map.of("price", 2));

			CliResult result = finish(subscriber);
			assertThat(result.exitCode()).isZero();
			assertThat(result.out().strip().split("\n")).hasSize(2)
				.satisfiesExactly((first) -> assertThat(first).contains("\"price\":1"),
						(second) -> assertThat(second).contains("\"price\":2"));
		}
		finally {
			subscriber.destroyForcibly();
		}
	}

	@Test
	void fileRoundTripInProcessesKeepsEveryByteAndVerifiesTheChecksum() throws Exception {
		byte[] content = new byte[300_000];
		new Random(7).nextBytes(content);
		Path original = Files.write(this.directory.resolve("report.bin"), content);
		Path copy = this.directory.resolve("report-copy.bin");

		CliResult sent = ipc("file", "send", original.toString(), "-u", "tcp://127.0.0.1:" + tcpPort());
		CliResult got = ipc("file", "get", "report.bin", "-o", copy.toString(), "-u",
				"ws://127.0.0.1:" + this.httpPort + "/ipc");

		assertThat(sent.exitCode()).as(sent.err()).isZero();
		assertThat(got.exitCode()).as(got.err()).isZero();
		assertThat(got.out()).contains("verified");
		assertThat(Files.readAllBytes(copy)).isEqualTo(content);
	}

	@Test
	void chatThatLosesTheServerSaysSoReconnectsAndJoinsTheRoomAgain() throws Exception {
		try (TcpProxy proxy = new TcpProxy(tcpPort())) {
			Process chat = startWithInput("chat", "ada", "--room", "tea", "-u", "tcp://127.0.0.1:" + proxy.port());
			StringBuffer out = collect(chat.getInputStream());
			Writer in = new OutputStreamWriter(chat.getOutputStream(), StandardCharsets.UTF_8);
			try {
				await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("joined #tea"));

				proxy.dropConnections();

				await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("lost; reconnecting"));
				await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("reconnected; back in #tea"));
				in.write("/users\n");
				in.flush();
				await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("in #tea: [\"ada\"]"));
				in.write("/quit\n");
				in.close();
				assertThat(chat.waitFor(30, TimeUnit.SECONDS)).isTrue();
				assertThat(chat.exitValue()).as(out.toString()).isZero();
			}
			finally {
				chat.destroyForcibly();
			}
		}
	}

	@Test
	void inputThatCannotBeUsedIsAUsageErrorWithOneClearLine() throws Exception {
		Path existing = Files.writeString(this.directory.resolve("notes.txt"), "keep me");

		CliResult missing = ipc("file", "send", this.directory.resolve("nope.bin").toString(), "-u",
				"tcp://127.0.0.1:" + tcpPort());
		CliResult directory = ipc("file", "send", this.directory.toString(), "-u", "tcp://127.0.0.1:" + tcpPort());
		CliResult overwrite = ipcIn(this.directory, "file", "get", "notes.txt", "-u", "tcp://127.0.0.1:" + tcpPort());
		CliResult http = ipc("request", "test", "echo", "-u", "http://127.0.0.1:" + this.httpPort);
		CliResult json = ipc("request", "test", "echo", "{\"a\":1", "-u", "tcp://127.0.0.1:" + tcpPort());
		CliResult stats = ipc("stats", "--http", "http://127.0.0.1:1");

		assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(missing.err().strip()).isEqualTo("ipc: no such file: " + this.directory.resolve("nope.bin"));
		assertThat(directory.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(directory.err()).contains("is a directory");
		assertThat(overwrite.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(overwrite.err()).contains("notes.txt exists; use --force");
		assertThat(Files.readString(existing)).isEqualTo("keep me");
		assertThat(http.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(http.err()).contains("is not a server URL: use tcp://host:port");
		assertThat(json.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(json.err()).contains("not valid JSON: Unexpected end-of-input")
			.doesNotContain("StreamReadFeature", "Source:");
		assertThat(stats.exitCode()).isEqualTo(ExitCodes.CONNECTION);
		assertThat(stats.err().strip())
			.isEqualTo("ipc: cannot reach http://127.0.0.1:1/actuator/ipc: connection refused");
	}

	@Test
	void withoutUrlOptionsTheCommandsFindTheServerInTheEnvironment() throws Exception {
		Map<String, String> environment = Map.of("IPC_URL", "ws://127.0.0.1:" + this.httpPort + "/ipc", "IPC_HTTP",
				"http://127.0.0.1:" + this.httpPort);

		CliResult request = finish(start(environment, "request", "test", "echo", "{\"a\":1}"));
		CliResult stats = finish(start(environment, "stats"));

		assertThat(request.exitCode()).as(request.err()).isZero();
		assertThat(request.out().strip()).isEqualTo("{\"a\":1}");
		assertThat(stats.exitCode()).as(stats.err()).isZero();
		assertThat(stats.out()).contains("\"connections\"");
	}

	private static CliResult ipc(String... arguments) throws IOException, InterruptedException {
		return finish(start(arguments));
	}

	private static CliResult ipcIn(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
		ProcessBuilder builder = command(arguments).directory(workingDirectory.toFile());
		Process process = builder.start();
		process.getOutputStream().close();
		return finish(process);
	}

	private static Process start(String... arguments) throws IOException {
		return start(Map.of(), arguments);
	}

	/** A process with these environment variables set, and none of the developer's IPC_ ones. */
	private static Process start(Map<String, String> environment, String... arguments) throws IOException {
		ProcessBuilder builder = command(arguments);
		builder.environment().keySet().removeIf((name) -> name.startsWith("IPC_"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		process.getOutputStream().close();
		return process;
	}

	/** A process whose standard input the test writes. */
	private static Process startWithInput(String... arguments) throws IOException {
		return command(arguments).redirectError(ProcessBuilder.Redirect.DISCARD).start();
	}

	private static StringBuffer collect(InputStream stream) {
		StringBuffer text = new StringBuffer();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					text.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "chat-output");
		reader.setDaemon(true);
		reader.start();
		return text;
	}

	private static ProcessBuilder command(String... arguments) {
		List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
				+ File.separator + "java", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp",
				System.getProperty("java.class.path"), IpcCommand.class.getName()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command);
	}

	private static CliResult finish(Process process) throws IOException, InterruptedException {
		boolean finished = process.waitFor(60, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as("the ipc process finished").isTrue();
		return new CliResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

}
