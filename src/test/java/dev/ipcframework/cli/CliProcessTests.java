package dev.ipcframework.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ipc} command as a separate process, as a shell script runs it: its output and its exit codes.
 */
class CliProcessTests extends IpcServerTest {

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

	private static CliResult ipc(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + File.separator + "bin"
				+ File.separator + "java", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-cp",
				System.getProperty("java.class.path"), IpcCommand.class.getName()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).start();
		process.getOutputStream().close();
		boolean finished = process.waitFor(60, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		assertThat(finished).as("the ipc process finished").isTrue();
		return new CliResult(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
				new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
	}

}
