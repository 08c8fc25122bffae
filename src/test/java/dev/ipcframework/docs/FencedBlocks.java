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
		List<Matcher> markers = new ArrayList<>();
		for (int i = 0; i < lines.length; i++) {
			Matcher fence = FENCE.matcher(lines[i]);
			if (!fence.matches()) {
				Matcher marker = NOT_RUN.matcher(lines[i]);
				if (marker.matches()) {
					markers.add(marker);
				}
				else {
					markers.clear();
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
			blocks.add(block(file, opening + 1, fence.group(3), text.toString(), markers));
			markers.clear();
		}
		return blocks;
	}

	private static FencedBlock block(Path file, int line, String language, String text, List<Matcher> markers) {
		@Nullable String notRun = null;
		Map<String, String> notRunCommands = new LinkedHashMap<>();
		for (Matcher marker : markers) {
			if (marker.group(1) == null) {
				notRun = marker.group(2);
			}
			else {
				notRunCommands.put(marker.group(1), marker.group(2));
			}
		}
		return new FencedBlock(file, line, language, text, notRun, notRunCommands);
	}

	private static int leadingSpaces(String line) {
		int spaces = 0;
		while (spaces < line.length() && line.charAt(spaces) == ' ') {
			spaces++;
		}
		return spaces;
	}

}
