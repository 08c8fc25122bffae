package dev.ipcframework.docs;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One fenced code block of the documentation, with what the comments before it say about running it: the whole
 * block not run ({@code <!-- not run: reason -->}), or some of its commands ({@code <!-- not run "bin/ipc server":
 * reason -->}), compiled but not run ({@code <!-- compile only: reason -->}), or compiled inside the code a
 * {@code <!-- compile as: ... -->} comment gives, where a line {@code ...} stands for the block.
 * @param file the Markdown file
 * @param line the line of the opening fence, from 1
 * @param language the fence's info string ({@code bash}, {@code json}, ...), empty when it has none
 * @param text the block's lines, without the fences and the block's indentation
 * @param notRun why the whole block is not run, or {@code null}
 * @param notRunCommands why commands that start with a key are not run, by that key
 * @param compileOnly why the block is compiled but not run, or {@code null}
 * @param template the code the block is compiled in, or {@code null} when it is compiled as it stands
 */
record FencedBlock(Path file, int line, String language, String text, @Nullable String notRun,
		Map<String, String> notRunCommands, @Nullable String compileOnly, @Nullable String template) {

	/** A line of a template that is only {@code ...}: where the block goes. */
	private static final Pattern PLACEHOLDER = Pattern.compile("(?m)^[ \\t]*\\.\\.\\.[ \\t]*\\n");

	/** What is compiled: the block's text, or the template with the block in place of its line {@code ...}. */
	String source() {
		if (this.template == null) {
			return this.text;
		}
		String[] parts = PLACEHOLDER.split(this.template, -1);
		if (parts.length != 2) {
			throw new AssertionError(this + ": its <!-- compile as: --> needs exactly one line '...', where the block goes");
		}
		return parts[0] + this.text + parts[1];
	}

	/** Where the block is, as {@code docs/clients.md:131}. */
	String location() {
		return this.file + ":" + this.line;
	}

	boolean isShell() {
		return switch (this.language) {
			case "bash", "sh", "shell" -> true;
			default -> false;
		};
	}

	@Override
	public String toString() {
		return location() + (this.language.isEmpty() ? "" : " " + this.language);
	}

}
