package dev.ipcframework.docs;

import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One fenced code block of the documentation, with what the comments before it say about running it: the whole
 * block not run ({@code <!-- not run: reason -->}), or some of its commands ({@code <!-- not run "bin/ipc server":
 * reason -->}).
 * @param file the Markdown file
 * @param line the line of the opening fence, from 1
 * @param language the fence's info string ({@code bash}, {@code json}, ...), empty when it has none
 * @param text the block's lines, without the fences and the block's indentation
 * @param notRun why the whole block is not run, or {@code null}
 * @param notRunCommands why commands that start with a key are not run, by that key
 */
record FencedBlock(Path file, int line, String language, String text, @Nullable String notRun,
		Map<String, String> notRunCommands) {

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
