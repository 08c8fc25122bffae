package dev.ipcframework.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a payload given on the command line as JSON; invalid JSON is a usage error (exit code 2).
 */
class JsonArgument implements ITypeConverter<JsonNode> {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Override
	public JsonNode convert(String value) {
		try {
			return MAPPER.readTree(value);
		}
		catch (JacksonException ex) {
			throw new TypeConversionException("not valid JSON: " + ex.getOriginalMessage());
		}
	}

}
