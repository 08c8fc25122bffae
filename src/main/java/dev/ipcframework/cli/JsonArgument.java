package dev.ipcframework.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
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
			throw new TypeConversionException("not valid JSON: " + reason(ex));
		}
	}

	/** Jackson's reason without its note on where the source is (it is the argument itself), plus the column. */
	private static String reason(JacksonException ex) {
		String reason = ex.getOriginalMessage().replaceAll("\\s*(\\([^()\\[]*)?\\[Source:.*$", "");
		TokenStreamLocation location = ex.getLocation();
		return (location != null && location.getColumnNr() > 0) ? reason + " (at column " + location.getColumnNr() + ")"
				: reason;
	}

}
