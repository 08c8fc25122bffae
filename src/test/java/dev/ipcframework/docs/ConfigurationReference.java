package dev.ipcframework.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders docs/configuration.md from the configuration metadata that spring-boot-configuration-processor writes at
 * compile time: every {@code ipc.*} property with its type, default and description. The descriptions come from
 * the Javadoc ({@code @param} tags) of the {@code @ConfigurationProperties} records, and for properties that are not
 * bound to a record from {@code META-INF/additional-spring-configuration-metadata.json}; to change a line of the
 * document, change those and regenerate.
 */
final class ConfigurationReference {

	static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	static final Path DOCUMENT = Path.of("docs/configuration.md");

	/** The system property that makes {@link ConfigurationReferenceTests} write the document instead of failing. */
	static final String REGENERATE_PROPERTY = "docs.regenerate";

	static final String REGENERATE_COMMAND = "./mvnw -B test -Dtest=ConfigurationReferenceTests -D"
			+ REGENERATE_PROPERTY + "=true";

	private static final String PREFIX = "ipc.";

	private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain) ([^{}]*)}");

	private static final String INTRO = """
			<!-- Generated from the configuration metadata by ConfigurationReference; do not edit. Change the Javadoc of
			     the @ConfigurationProperties records (or META-INF/additional-spring-configuration-metadata.json), then
			     run: %s -->
			# Configuration

			Settings live under `ipc.*`; `config/application.yml` is the file an operator edits. Any of them can also be
			set as an environment variable (`IPC_TCP_PORT=9000`: upper case, dots as underscores, dashes dropped, as in
			`IPC_TCP_MAXFRAMESIZE`) or a command-line argument (`--ipc.tcp.port=9000`). Sizes take units (`512KB`,
			`1MB`; a plain number is bytes), durations too (`500ms`, `10s`; a plain number is milliseconds). Every
			property below is acted on.

			Not listed here: `server.port` (`8080`, the HTTP port: WebSocket endpoint, Actuator and dashboard), the
			Spring Security properties that verify tokens ([security.md](security.md)) and the management settings
			([metrics.md](metrics.md#management-settings)).
			""";

	private ConfigurationReference() {
	}

	static String render(Path metadata) throws IOException {
		return render(JsonMapper.builder().build().readTree(Files.readString(metadata)));
	}

	/** The document: the intro, then one table per group ({@code ipc.tcp}, ...), top-level properties first. */
	static String render(JsonNode metadata) {
		Map<String, List<JsonNode>> groups = new TreeMap<>((a, b) -> a.equals(b) ? 0 : a.equals("ipc") ? -1
				: b.equals("ipc") ? 1 : a.compareTo(b));
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith(PREFIX)) {
				groups.computeIfAbsent(groupOf(name), (group) -> new ArrayList<>()).add(property);
			}
		}
		StringBuilder document = new StringBuilder(INTRO.formatted(REGENERATE_COMMAND));
		groups.forEach((group, properties) -> {
			document.append("\n## ").append(group).append("\n\n");
			document.append("| property | type | default | meaning |\n|---|---|---|---|\n");
			properties.stream()
				.sorted((a, b) -> a.get("name").asString().compareTo(b.get("name").asString()))
				.forEach((property) -> document.append(row(property)));
		});
		return document.toString();
	}

	/** {@code ipc.tcp.ssl.bundle} belongs to {@code ipc.tcp}, {@code ipc.max-connections} to {@code ipc}. */
	private static String groupOf(String name) {
		String[] parts = name.split("\\.");
		return (parts.length > 2) ? parts[0] + "." + parts[1] : parts[0];
	}

	private static String row(JsonNode property) {
		String type = property.path("type").asString("");
		return "| `" + property.get("name").asString() + "` | " + type(type) + " | " + defaultValue(property) + " | "
				+ cell(property.path("description").asString("")) + " |\n";
	}

	/** The simple type name; for an enum, its values as they are written in the configuration. */
	static String type(String type) {
		if (type.isEmpty()) {
			return "";
		}
		try {
			Class<?> enumType = Class.forName(type);
			if (enumType.isEnum()) {
				return Arrays.stream(enumType.getEnumConstants())
					.map((constant) -> "`" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-') + "`")
					.collect(Collectors.joining(", "));
			}
		}
		catch (ClassNotFoundException ex) {
			// a generic type such as Map<String, List<String>>: named below
		}
		return "`" + type.replaceAll("[a-z][\\w]*\\.", "").replaceAll("\\$", ".").replace(",", ", ") + "`";
	}

	private static String defaultValue(JsonNode property) {
		JsonNode value = property.get("defaultValue");
		if (value == null || value.isNull() || (value.isArray() && value.isEmpty())) {
			return "(none)";
		}
		if (value.isString() && value.asString().isEmpty()) {
			return "(empty)";
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach((item) -> items.add(item.asString()));
			return "`" + String.join(",", items) + "`";
		}
		return "`" + value.asString() + "`";
	}

	/** A description as one table cell: Javadoc inline tags as code spans, one line, no stray pipes. */
	static String cell(String description) {
		String text = INLINE_TAG.matcher(description).replaceAll((match) -> "`" + match.group(1).strip() + "`");
		return text.replaceAll("\\s+", " ").strip().replace("|", "\\|");
	}

}
