package dev.ipcframework.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Finds the fenced code blocks of the documentation: README.md, docs/, and the READMEs of the TypeScript client and
 * the examples.
 */
final class FencedBlocks {

	private static final Pattern FENCE = Pattern.compile("^( *)(`{3,}|~{3,})\\s*([^`\\s]*).*$");

	/** {@code <!-- not run: reason -->} or {@code <!-- not run "command prefix": reason -->}. */
	private static final Pattern NOT_RUN = Pattern.compile("^\\s*<!--\\s*not run(?:\\s+\"([^\"]+)\")?:\\s*(.+?)\\s*-->\\s*$");

	/** {@code <!-- compile only: reason -->}. */
	private static final Pattern COMPILE_ONLY = Pattern.compile("^\\s*<!--\\s*compile only:\\s*(.+?)\\s*-->\\s*$");

	/** The first line of {@code <!-- compile as:}, the code up to a line {@code -->}. */
	private static final Pattern COMPILE_AS = Pattern.compile("^\\s*<!--\\s*compile as:\\s*$");

	private FencedBlocks() {
	}

	/** Every Markdown file of the documentation, in a stable order. */
	static List<Path> documentationFiles() throws IOException {
		List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
		for (String directory : List.of("docs", "clients/typescript", "examples")) {
			try (Stream<Path> paths = Files.walk(Path.of(directory))) {
				paths.filter((path) -> path.toString().endsWith(".md"))
					.filter((path) -> !path.toString().contains("node_modules") && !path.startsWith("clients/typescript/dist"))
					.sorted()
					.forEach(files::add);
			}
		}
		return files;
	}

	/** The blocks of every documentation file. */
	static List<FencedBlock> ofDocumentation() throws IOException {
		List<FencedBlock> blocks = new ArrayList<>();
		for (Path file : documentationFiles()) {
			blocks.addAll(in(file, Files.readString(file)));
		}
		return blocks;
	}

	/** The blocks of one Markdown text. */
	static List<FencedBlock> in(Path file, String markdown) {
		List<FencedBlock> blocks = new ArrayList<>();
		String[] lines = markdown.split("\n", -1);
		Markers markers = new Markers();
		for (int i = 0; i < lines.length; i++) {
			Matcher fence = FENCE.matcher(lines[i]);
			if (!fence.matches()) {
				if (COMPILE_AS.matcher(lines[i]).matches()) {
					StringBuilder template = new StringBuilder();
					for (i++; i < lines.length && !lines[i].strip().equals("-->"); i++) {
						template.append(lines[i]).append('\n');
					}
					markers.template = template.toString();
				}
				else if (!markers.read(lines[i])) {
					markers = new Markers();
				}
				continue;
			}
			int indent = fence.group(1).length();
			String close = fence.group(2);
			StringBuilder text = new StringBuilder();
			int opening = i;
			for (i++; i < lines.length && !lines[i].strip().startsWith(close); i++) {
				text.append(lines[i], Math.min(indent, leadingSpaces(lines[i])), lines[i].length()).append('\n');
			}
			blocks.add(new FencedBlock(file, opening + 1, fence.group(3), text.toString(), markers.notRun,
					markers.notRunCommands, markers.compileOnly, markers.template));
			markers = new Markers();
		}
		return blocks;
	}

	private static int leadingSpaces(String line) {
		int spaces = 0;
		while (spaces < line.length() && line.charAt(spaces) == ' ') {
			spaces++;
		}
		return spaces;
	}

	/** What the comments right before a block say about it. */
	private static final class Markers {

		@Nullable String notRun;

		final Map<String, String> notRunCommands = new LinkedHashMap<>();

		@Nullable String compileOnly;

		@Nullable String template;

		/** Takes in a {@code not run} or {@code compile only} comment; false when the line is neither. */
		boolean read(String line) {
			Matcher notRun = NOT_RUN.matcher(line);
			if (notRun.matches()) {
				if (notRun.group(1) == null) {
					this.notRun = notRun.group(2);
				}
				else {
					this.notRunCommands.put(notRun.group(1), notRun.group(2));
				}
				return true;
			}
			Matcher compileOnly = COMPILE_ONLY.matcher(line);
			if (compileOnly.matches()) {
				this.compileOnly = compileOnly.group(1);
				return true;
			}
			return false;
		}

	}

}
