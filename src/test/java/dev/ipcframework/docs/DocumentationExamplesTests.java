package dev.ipcframework.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every fenced code block of the documentation either works as written or says why it is not run: shell blocks run
 * word for word against the service, Java blocks compile (and their {@code @Component} handlers serve in that
 * service), JSON, XML and YAML blocks are checked; any other block, or one a rule cannot check, needs a
 * {@code <!-- not run: reason -->} comment right before it. The rules are in docs/testing.md.
 */
class DocumentationExamplesTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	/** The real service's ports: a command that names one would talk to whatever runs on this machine. */
	private static final Pattern FIXED_PORT = Pattern.compile(":(8080|8888|8443)\\b");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path directory;

	private static @Nullable DocumentedService service;

	private static @Nullable ExampleShell shell;

	/** The file whose blocks run now, the service one of its blocks started, and the shell that talks to it. */
	private static @Nullable Path file;

	private static @Nullable ExampleServer fileServer;

	private static @Nullable ExampleShell fileShell;

	/** The Java examples, compiled before the service starts: their class, or why they do not compile. */
	private static final Map<FencedBlock, Object> javaExamples = new LinkedHashMap<>();

	@TestFactory
	Stream<DynamicTest> everyExampleWorksAsWrittenOrSaysWhyItIsNotRun() throws Exception {
		List<FencedBlock> blocks = FencedBlocks.ofDocumentation();
		assertThat(blocks).hasSizeGreaterThan(50);
		List<Class<?>> handlers = new ArrayList<>();
		JavaExampleCompiler compiler = new JavaExampleCompiler(Files.createDirectories(directory.resolve("java")));
		for (FencedBlock block : blocks) {
			if (block.notRun() == null && block.language().equals("java")) {
				try {
					Optional<Class<?>> example = compiler.compile(block);
					javaExamples.put(block, example);
					if (example.isPresent() && example.get().isAnnotationPresent(Component.class)
							&& block.compileOnly() == null) {
						handlers.add(example.get());
					}
				}
				catch (AssertionError ex) {
					javaExamples.put(block, ex);
				}
			}
		}
		service = DocumentedService.start(handlers);
		shell = ExampleShell.in(Files.createDirectories(directory.resolve("work")), service);
		// the file docs/clients.md sends
		byte[] photo = new byte[200_000];
		new Random(1).nextBytes(photo);
		Files.write(shell.directory().resolve("photo.jpg"), photo);
		return blocks.stream().map((block) -> DynamicTest.dynamicTest(block.toString(), () -> check(block)));
	}

	@AfterAll
	static void stopService() {
		stopFileServer();
		if (service != null) {
			service.close();
		}
	}

	private static void stopFileServer() {
		if (fileServer != null) {
			fileServer.close();
			fileServer = null;
		}
		fileShell = null;
	}

	private void check(FencedBlock block) throws Exception {
		if (block.notRun() != null) {
			Assumptions.abort("not run: " + block.notRun());
		}
		if (block.isShell()) {
			runShell(block);
			return;
		}
		switch (block.language()) {
			case "java" -> {
				if (javaExamples.get(block) instanceof AssertionError failure) {
					throw failure;
				}
			}
			case "json" -> DataExampleChecks.checkJson(block);
			case "xml" -> DataExampleChecks.checkXml(block);
			case "yaml", "yml" -> DataExampleChecks.checkYaml(block);
			case "ts", "typescript", "tsx", "js", "javascript", "html" ->
				Assumptions.abort("checked by the TypeScript client's npm test (test/documentation.test.mjs)");
			default -> fail("%s is neither run nor checked: put <!-- not run: reason --> right before it", block);
		}
	}

	private void runShell(FencedBlock block) throws IOException, InterruptedException {
		if (!block.file().equals(file)) {
			file = block.file();
			stopFileServer();
			shell.newSession();
		}
		List<ShellCommand> commands = ShellCommand.in(block.text());
		if (startsAService(block, commands)) {
			// the commands after it in this file talk to this service (one that requires tokens, say)
			fileServer = ExampleServer.start(shell, commands.get(0));
			fileShell = shell.talkingTo(fileServer);
			return;
		}
		ExampleShell shell = (fileShell != null) ? fileShell : DocumentationExamplesTests.shell;
		Set<String> skipped = new HashSet<>();
		for (ShellCommand command : commands) {
			Optional<String> notRun = block.notRunCommands().keySet().stream().filter(command.code()::startsWith).findFirst();
			if (notRun.isPresent()) {
				skipped.add(notRun.get());
				continue;
			}
			assertThat(FIXED_PORT.matcher(command.code()).find())
				.as("%s: '%s' names a fixed port, where the real service may run; mark it not run", block, command.text())
				.isFalse();
			assertThat(command.startsABackgroundProcess())
				.as("%s: '%s' leaves a process running after it; mark it not run", block, command.text())
				.isFalse();
			ExampleShell.Result result = shell.run(command, COMMAND_TIMEOUT);
			String described = block + ": " + command.text() + "\nstdout: " + result.out() + "\nstderr: " + result.err();
			assertThat(result.timedOut()).as("still running after %s: %s", COMMAND_TIMEOUT, described).isFalse();
			assertThat(result.exitCode()).as("exit code of %s", described).isEqualTo(command.expectedExitCode());
			Optional<JsonNode> expected = command.expectedJson();
			if (expected.isPresent()) {
				assertThat(JSON.readTree(result.out())).as(described).isEqualTo(expected.get());
			}
			else if (command.printsJson()) {
				assertThat(JSON.readTree(result.out())).as(described).isNotNull();
			}
		}
		assertThat(block.notRunCommands().keySet()).as("%s: markers that name no command", block)
			.isSubsetOf(skipped);
	}

	/** A block that is one {@code bin/ipc server} command with arguments, which the test starts on free ports. */
	private static boolean startsAService(FencedBlock block, List<ShellCommand> commands) {
		return block.notRunCommands().isEmpty() && commands.size() == 1
				&& commands.get(0).code().startsWith("bin/ipc server ");
	}

	@Test
	void blocksKnowTheirMarkersAndCommandsTheirPromises() {
		List<FencedBlock> blocks = FencedBlocks.in(Path.of("x.md"), """
				<!-- not run: a build -->
				```bash
				./mvnw package
				```
				<!-- not run "bin/ipc server": runs until stopped -->
				```bash
				bin/ipc server
				bin/ipc request demo echo '{"a":"#1"}' \\
				  -t 5s   # prints: {"a":"#1"}
				```

				  ```json
				  {"a": 1}
				  ```
				""");

		assertThat(blocks).extracting(FencedBlock::line).containsExactly(2, 6, 12);
		assertThat(blocks.get(0).notRun()).isEqualTo("a build");
		assertThat(blocks.get(1).notRun()).isNull();
		assertThat(blocks.get(1).notRunCommands()).containsExactly(Map.entry("bin/ipc server", "runs until stopped"));
		assertThat(blocks.get(2).text()).isEqualTo("{\"a\": 1}\n");
		List<ShellCommand> commands = ShellCommand.in(blocks.get(1).text());
		assertThat(commands).extracting(ShellCommand::text)
			.containsExactly("bin/ipc server", "bin/ipc request demo echo '{\"a\":\"#1\"}' \\\n  -t 5s   # prints: {\"a\":\"#1\"}");
		assertThat(commands.get(1).code()).isEqualTo("bin/ipc request demo echo '{\"a\":\"#1\"}' \\\n  -t 5s");
		assertThat(commands.get(1).expectedJson()).contains(JSON.readTree("{\"a\":\"#1\"}"));
		assertThat(new ShellCommand("x", "x", "FORBIDDEN (exit code 1)").expectedExitCode()).isEqualTo(1);
		assertThat(ShellCommand.in("bin/ipc server &\nsleep 1 & echo\na && b 2>&1 >&2\necho '&'\n"))
			.extracting(ShellCommand::startsABackgroundProcess)
			.containsExactly(true, true, false, false);
	}

	@Test
	void aFragmentIsCompiledInTheCodeItsCommentGives() {
		List<FencedBlock> blocks = FencedBlocks.in(Path.of("x.md"), """
				<!-- compile as:
				class Fragment {
				    void example() {
				...
				    }
				}
				-->
				```java
				int one = 1;
				```
				<!-- compile only: a tour -->
				```ts
				await tour();
				```
				""");

		assertThat(blocks.get(0).template()).startsWith("class Fragment {\n");
		assertThat(blocks.get(0).source()).isEqualTo("class Fragment {\n    void example() {\nint one = 1;\n    }\n}\n");
		assertThat(blocks.get(1).compileOnly()).isEqualTo("a tour");
		assertThat(blocks.get(1).source()).isEqualTo("await tour();\n");
	}

}
