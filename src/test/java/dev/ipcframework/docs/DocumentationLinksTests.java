package dev.ipcframework.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link in README.md and docs/ points at a file that exists, and every {@code #anchor} at a heading of
 * the file it names, by GitHub's rules for heading anchors.
 */
class DocumentationLinksTests {

	/** An inline link or image: {@code [text](target)} or {@code [text](target "title")}. */
	private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

	@Test
	void everyRelativeLinkPointsAtAFileAndEveryAnchorAtAHeading() throws IOException {
		List<String> broken = new ArrayList<>();
		Map<Path, Set<String>> anchors = new HashMap<>();
		for (Path markdown : markdownFiles()) {
			for (String target : links(Files.readString(markdown))) {
				if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
					continue; // https:, mailto: ...
				}
				String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
				String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
				Path linked = path.isEmpty() ? markdown : markdown.resolveSibling(path).normalize();
				if (!Files.exists(linked)) {
					broken.add(markdown + ": " + target + " (no file " + linked + ")");
				}
				else if (anchor != null && linked.toString().endsWith(".md")
						&& !anchors.computeIfAbsent(linked, DocumentationLinksTests::anchorsOf).contains(anchor)) {
					broken.add(markdown + ": " + target + " (no heading with anchor #" + anchor + " in " + linked + ")");
				}
			}
		}
		assertThat(broken).as("broken links").isEmpty();
	}

	@Test
	void anchorsFollowGitHubsRules() {
		assertThat(anchorsOf("# Set-up\n## `reply_to` rewriting\n### Metrics, Actuator and dashboard\n"
				+ "## Pushing from the server: `IpcTemplate`\n## Against NATS: `bin/bench-vs-nats`\n## Limits\n## Limits\n"
				+ "```bash\n# not a heading\n```\n"))
			.containsExactlyInAnyOrder("set-up", "reply_to-rewriting", "metrics-actuator-and-dashboard",
					"pushing-from-the-server-ipctemplate", "against-nats-binbench-vs-nats", "limits", "limits-1");
		assertThat(links("see [a](docs/a.md#x), `[not](a link)`, ![img](pic.png \"t\")\n```\n[no](link)\n```\n"))
			.containsExactly("docs/a.md#x", "pic.png");
	}

	private static List<Path> markdownFiles() throws IOException {
		List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
		try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		return files;
	}

	/** Link targets outside fenced code blocks and code spans. */
	static List<String> links(String markdown) {
		List<String> targets = new ArrayList<>();
		for (String line : proseLines(markdown)) {
			Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
			while (link.find()) {
				targets.add(link.group(1));
			}
		}
		return targets;
	}

	private static Set<String> anchorsOf(Path markdown) {
		try {
			return anchorsOf(Files.readString(markdown));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * GitHub's anchors: the heading's text (code spans keep their content, links their text), lower case, punctuation
	 * other than '-' and '_' dropped, spaces as '-'; a repeated anchor gets "-1", "-2", ...
	 */
	static Set<String> anchorsOf(String markdown) {
		Set<String> anchors = new LinkedHashSet<>();
		for (String line : proseLines(markdown)) {
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String text = heading.group(2).replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1");
				String anchor = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{Mn}\\p{Pc} -]", "")
					.replace(' ', '-');
				String unique = anchor;
				for (int n = 1; !anchors.add(unique); n++) {
					unique = anchor + "-" + n;
				}
			}
		}
		return anchors;
	}

	/** The lines outside fenced code blocks. */
	private static List<String> proseLines(String markdown) {
		List<String> lines = new ArrayList<>();
		String fence = null;
		for (String line : markdown.split("\n", -1)) {
			String trimmed = line.stripLeading();
			if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
				fence = trimmed.substring(0, 3);
			}
			else if (fence != null && trimmed.startsWith(fence)) {
				fence = null;
			}
			else if (fence == null) {
				lines.add(line);
			}
		}
		return lines;
	}

}
