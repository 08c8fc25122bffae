package dev.ipcframework.autoconfigure;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.ipcframework.IpcFrameworkApplication;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as an operator starts it, with one of its ports already taken: it stops at once with one line
 * naming the port and the property that sets it, and a non-zero exit code, instead of running on half-started.
 */
class PortInUseTests {

	@Test
	void tcpPortInUseStopsTheServiceNamingThePortAndItsProperty() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Result result = startService("--ipc.tcp.port=" + taken.getLocalPort(), "--server.port=0");

			assertThat(result.exitCode()).isNotZero();
			assertThat(result.output())
				.contains("TCP port " + taken.getLocalPort() + " (ipc.tcp.port) is already in use.")
				.doesNotContain("Started IpcFrameworkApplication");
		}
	}

	@Test
	void httpPortInUseStopsTheServiceNamingThePortAndItsProperty() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50)) {
			Result result = startService("--ipc.tcp.port=0", "--server.port=" + taken.getLocalPort());

			assertThat(result.exitCode()).isNotZero();
			assertThat(result.output())
				.contains("HTTP port " + taken.getLocalPort() + " (server.port) is already in use.")
				.doesNotContain("Started IpcFrameworkApplication");
		}
	}

	/** The service's main class in a JVM of its own, without the test classes and without ./config. */
	private static Result startService(String... arguments) throws Exception {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new java.util.ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-cp", classPath,
				IpcFrameworkApplication.class.getName(), "--spring.config.location=optional:classpath:/none/"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		boolean finished = process.waitFor(60, TimeUnit.SECONDS);
		if (!finished) {
			process.destroyForcibly();
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(finished).as("the service stopped by itself; its output:%n%s", output).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
