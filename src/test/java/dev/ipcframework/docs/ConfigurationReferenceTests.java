package dev.ipcframework.docs;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md is what the configuration metadata yields, so that it never goes stale. Run with
 * {@code -Ddocs.regenerate=true} to write it (see {@link ConfigurationReference#REGENERATE_COMMAND}).
 */
class ConfigurationReferenceTests {

	@Test
	void checkedInConfigurationReferenceIsWhatTheMetadataYields() throws Exception {
		String generated = ConfigurationReference.render(ConfigurationReference.METADATA);

		if (Boolean.getBoolean(ConfigurationReference.REGENERATE_PROPERTY)) {
			Files.writeString(ConfigurationReference.DOCUMENT, generated);
		}

		assertThat(Files.readString(ConfigurationReference.DOCUMENT))
			.as("%s is out of date with the configuration metadata (the Javadoc of the @ConfigurationProperties "
					+ "records); regenerate it with:%n  %s%n", ConfigurationReference.DOCUMENT,
					ConfigurationReference.REGENERATE_COMMAND)
			.isEqualTo(generated);
	}

	@Test
	void everyIpcPropertyHasADescription() throws Exception {
		JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(ConfigurationReference.METADATA));

		assertThat(metadata.get("properties"))
			.filteredOn((property) -> property.get("name").asString().startsWith("ipc."))
			.isNotEmpty()
			.allSatisfy((property) -> assertThat(property.path("description").asString(""))
				.as("description of %s", property.get("name").asString())
				.isNotBlank());
	}

	@Test
	void javadocTagsBecomeCodeSpansAndEnumsListTheirValues() {
		assertThat(ConfigurationReference.cell("the {@code 0} value |\n\twrapped")).isEqualTo("the `0` value \\| wrapped");
		assertThat(ConfigurationReference.type("dev.ipcframework.connection.OverflowPolicy"))
			.isEqualTo("`disconnect`, `drop-oldest`");
		assertThat(ConfigurationReference.type("java.util.Map<java.lang.String,java.util.List<java.lang.String>>"))
			.isEqualTo("`Map<String, List<String>>`");
	}

}
