package dev.ipcframework.docs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import dev.ipcframework.protocol.EnvelopeCodec;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples that are read rather than run. JSON must parse as it stands: abbreviations stay inside strings
 * ({@code "6f1c..."}), never stand for fields; a JSON object with a {@code message_type} is an envelope and must
 * decode as the server decodes frames. A Maven {@code <dependency>} must name this project's coordinates. YAML must
 * parse.
 */
final class DataExampleChecks {

	private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private DataExampleChecks() {
	}

	static void checkJson(FencedBlock block) {
		JsonNode value = JSON.readTree(block.text());
		if (value.has("message_type")) {
			new EnvelopeCodec().decodeFrame(block.text().getBytes(StandardCharsets.UTF_8));
		}
	}

	static void checkXml(FencedBlock block) throws IOException, SAXException, ParserConfigurationException {
		Element root = parse(block.text().getBytes(StandardCharsets.UTF_8));
		if (root.getTagName().equals("dependency")) {
			Element project = parse(Files.readAllBytes(Path.of("pom.xml")));
			for (String coordinate : new String[] { "groupId", "artifactId", "version" }) {
				assertThat(child(root, coordinate)).as("%s: %s", block, coordinate).isEqualTo(child(project, coordinate));
			}
		}
	}

	static void checkYaml(FencedBlock block) {
		assertThat(new Yaml().loadAll(block.text())).as(block.toString()).isNotEmpty();
	}

	private static Element parse(byte[] xml) throws IOException, SAXException, ParserConfigurationException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
	}

	/** The text of a direct child element: the project's own coordinates, not its parent's. */
	private static String child(Element element, String name) {
		for (var node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element child && child.getTagName().equals(name)) {
				return child.getTextContent().strip();
			}
		}
		return "";
	}

}
