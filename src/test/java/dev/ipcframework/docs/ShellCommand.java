package dev.ipcframework.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One command of a shell block, as written (lines ending in {@code \} joined to the next), and what its trailing
 * comment promises: {@code (exit code 1)}, a JSON value at the comment's end that is the output, or "as JSON".
 * @param text the command with its comment, word for word
 * @param code the command without the trailing comment of its last line
 * @param comment that comment, empty when it has none
 */
record ShellCommand(String text, String code, String comment) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A lone {@code &} (not {@code &&}, {@code 2>&1} or {@code &>}) outside quotes. */
	private static final Pattern BACKGROUND = Pattern.compile("(?<![&>])&(?![&>])");

	private static final Pattern EXIT_CODE = Pattern.compile("exit code (\\d+)");

	/** The commands of a block; blank lines and lines that are only a comment are not commands. */
	static List<ShellCommand> in(String block) {
		List<ShellCommand> commands = new ArrayList<>();
		StringBuilder command = new StringBuilder();
		for (String line : block.split("\n")) {
			if (command.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
				continue;
			}
			command.append(line);
			if (line.endsWith("\\")) {
				command.append('\n');
				continue;
			}
			int comment = commentStart(line);
			String text = command.toString();
			String code = (comment < 0) ? text : text.substring(0, text.length() - line.length() + comment).strip();
			commands.add(new ShellCommand(text, code, (comment < 0) ? "" : line.substring(comment + 1).strip()));
			command.setLength(0);
		}
		return commands;
	}

	int expectedExitCode() {
		Matcher exitCode = EXIT_CODE.matcher(this.comment);
		return exitCode.find() ? Integer.parseInt(exitCode.group(1)) : 0;
	}

	/** The output the comment shows: the JSON value it ends with. */
	Optional<JsonNode> expectedJson() {
		for (int i = 0; i < this.comment.length(); i++) {
			char c = this.comment.charAt(i);
			if (c == '{' || c == '[') {
				try {
					return Optional.of(JSON.readTree(this.comment.substring(i)));
				}
				catch (JacksonException ex) {
					// not where the value starts
				}
			}
		}
		return Optional.empty();
	}

	/** Whether the command leaves a process running after it, which no time-out of the shell would end. */
	boolean startsABackgroundProcess() {
		return BACKGROUND.matcher(this.code.replaceAll("'[^']*'|\"[^\"]*\"", "")).find();
	}

	/** Whether the comment says the output is JSON without showing it. */
	boolean printsJson() {
		return this.comment.contains("as JSON") || this.comment.contains("JSON line");
	}

	/** Where the comment starts: at a '#' outside quotes that starts a word; -1 when there is none. */
	private static int commentStart(String line) {
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				quote = (c == quote) ? 0 : quote;
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
				return i;
			}
		}
		return -1;
	}

}
