package dev.ipcframework.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * The example cluster of {@code examples/cluster/}: its compose file as parsed YAML, and its HAProxy config, as is
 * or moved onto local ports for a run without containers.
 */
final class ClusterExample {

	static final Path DIRECTORY = Path.of("examples", "cluster");

	private static final Pattern BIND = Pattern.compile("(?m)^([ \\t]*bind )\\*?:(\\d+)[ \\t]*$");

	private static final Pattern SERVER = Pattern.compile("(?m)^([ \\t]*server (\\S+) )(\\S+):(\\d+)[ \\t]*$");

	private ClusterExample() {
	}

	/** The services of {@code compose.yaml}, by name. */
	@SuppressWarnings("unchecked")
	static Map<String, Map<String, Object>> services() {
		Map<String, Object> compose = new Yaml().load(read("compose.yaml"));
		return (Map<String, Map<String, Object>>) compose.get("services");
	}

	/** The services that run a node of the cluster (those with {@code IPC_CLUSTER_ENABLED}), in file order. */
	static List<String> nodeServices() {
		return services().keySet().stream().filter((name) -> environment(name).containsKey("IPC_CLUSTER_ENABLED"))
			.toList();
	}

	/** A service's environment, as the container gets it. */
	@SuppressWarnings("unchecked")
	static Map<String, Object> environment(String service) {
		Object environment = services().get(service).get("environment");
		return (environment != null) ? new LinkedHashMap<>((Map<String, Object>) environment) : Map.of();
	}

	static String haproxyConfig() {
		return read("haproxy.cfg");
	}

	/**
	 * The HAProxy config with its frontends bound on the given loopback ports and each server pointing at the node
	 * of its name; a TCP server's health check goes to its node's own HTTP port.
	 */
	static String haproxyConfig(int httpPort, int tcpPort, Map<String, ClusterTestNode> nodes) {
		String config = haproxyConfig();
		config = replace(BIND, config, (bind) -> bind.group(1) + "127.0.0.1:"
				+ (bind.group(2).equals("8080") ? httpPort : tcpPort));
		return replace(SERVER, config, (server) -> {
			ClusterTestNode node = nodes.get(server.group(2));
			if (node == null) {
				throw new IllegalArgumentException("no node for " + server.group());
			}
			return server.group(1) + "127.0.0.1:" + (server.group(4).equals("8080") ? node.httpPort()
					: node.tcpPort() + " port " + node.httpPort());
		});
	}

	private static String replace(Pattern pattern, String text,
			java.util.function.Function<Matcher, String> replacement) {
		Matcher matcher = pattern.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement.apply(matcher)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static String read(String file) {
		try {
			return Files.readString(DIRECTORY.resolve(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
