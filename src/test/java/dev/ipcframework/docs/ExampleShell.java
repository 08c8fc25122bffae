package dev.ipcframework.docs;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.ipcframework.cli.IpcCommand;

/**
 * Runs documented shell commands word for word with bash, in a directory of their own whose {@code bin/ipc} is the
 * {@code ipc} command of the classes under test (the real {@code bin/ipc} needs the packaged jar, which the test
 * phase comes before). The environment points the CLI at the test's service: {@code IPC_URL} and {@code IPC_HTTP},
 * the defaults the CLI takes when a command names no {@code --url} or {@code --http}.
 */
final class ExampleShell {

	/** Variables of the developer's shell that would change what a documented command does. */
	private static final List<String> CLEARED = List.of("IPC_URL", "IPC_HTTP", "IPC_HTTP_USER", "IPC_TOKEN",
			"IPC_CA_FILE", "IPC_JAR", "JAVA_OPTS");

	/** The variables the commands exported, as {@code declare -x} lines bash reads back. */
	private static final String EXPORTS = ".exports";

	private static final Pattern EXPORT = Pattern.compile("^export\\s+(\\w+)=");

	private final Path directory;

	private final Map<String, String> environment;

	private ExampleShell(Path directory, Map<String, String> environment) {
		this.directory = directory;
		this.environment = environment;
	}

	/** A shell in {@code directory} (created with its {@code bin/ipc}) whose CLI talks to {@code service}. */
	static ExampleShell in(Path directory, DocumentedService service) throws IOException {
		Path ipc = directory.resolve("bin/ipc");
		Files.createDirectories(ipc.getParent());
		Files.writeString(ipc, launcher());
		Files.setPosixFilePermissions(ipc, PosixFilePermissions.fromString("rwxr-xr-x"));
		return new ExampleShell(directory, service.tcpPort(), service.httpPort());
	}

	private ExampleShell(Path directory, int tcpPort, int httpPort) {
		this(directory, Map.of("IPC_URL", "tcp://127.0.0.1:" + tcpPort, "IPC_HTTP", "http://127.0.0.1:" + httpPort));
	}

	/** A shell in the same directory whose CLI talks to {@code server}. */
	ExampleShell talkingTo(ExampleServer server) {
		return new ExampleShell(this.directory, server.tcpPort(), server.httpPort());
	}

	/** Forgets what earlier commands exported: the next document starts in a new terminal, as it were. */
	void newSession() throws IOException {
		Files.deleteIfExists(this.directory.resolve(EXPORTS));
	}

	Path directory() {
		return this.directory;
	}

	/** Runs one command; one that is still running after {@code timeout} is ended and reported as such. */
	Result run(ShellCommand command, Duration timeout) throws IOException, InterruptedException {
		Path out = Files.createTempFile(this.directory, ".out-", "");
		Path err = Files.createTempFile(this.directory, ".err-", "");
		Process process = bash(script(command), out.toFile(), err.toFile());
		boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (!finished) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		try {
			return new Result(finished ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			Files.delete(out);
			Files.delete(err);
		}
	}

	/** Starts a command that runs until it is ended, its output going to {@code log}. */
	Process start(String code, File log) throws IOException {
		return bash(script(new ShellCommand(code, code, "")), log, log);
	}

	private Process bash(String script, File out, File err) throws IOException {
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(this.directory.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.redirectOutput(out)
			.redirectError(err);
		CLEARED.forEach(builder.environment()::remove);
		builder.environment().putAll(this.environment);
		return builder.start();
	}

	/**
	 * The command as bash runs it: after the variables earlier commands exported, as in one terminal; a command
	 * that exports one ({@code export IPC_TOKEN=$(...)}) keeps it for the commands after it.
	 */
	private static String script(ShellCommand command) {
		String script = "[ -f " + EXPORTS + " ] && . ./" + EXPORTS + "\n" + command.text() + "\n";
		Matcher export = EXPORT.matcher(command.code());
		return export.find() ? script + "status=$?; declare -p " + export.group(1) + " >> " + EXPORTS + "; exit $status\n"
				: script;
	}

	/** {@code bin/ipc}: the ipc command from this JVM's class path without the test classes, as the jar has it. */
	private static String launcher() {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// the options bin/ipc gives short client commands, for the same start-up
		return "#!/bin/sh\nexec " + quoted(java) + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfile.encoding=UTF-8"
				+ " -Dstdout.encoding=UTF-8 -cp " + quoted(classPath) + " " + IpcCommand.class.getName() + " \"$@\"\n";
	}

	private static String quoted(String text) {
		return "'" + text.replace("'", "'\\''") + "'";
	}

	/** What a command left: its exit code ({@code -1} when it was ended for running too long) and its output. */
	record Result(int exitCode, String out, String err) {

		boolean timedOut() {
			return this.exitCode == -1;
		}

	}

}
