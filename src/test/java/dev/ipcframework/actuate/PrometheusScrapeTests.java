package dev.ipcframework.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ipcframework.connection.Transport;
import dev.ipcframework.testapp.TestHandlers;
import dev.ipcframework.testsupport.ActuatorClient;
import dev.ipcframework.testsupport.IpcServerTest;
import dev.ipcframework.testsupport.RawClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} serves the meters under the names and tags docs/metrics.md documents, and every series
 * the Grafana dashboard queries.
 */
class PrometheusScrapeTests extends IpcServerTest {

	@Test
	void scrapeCarriesTheIpcMetersWithTheirTags() {
		RawClient client = connected(Transport.TCP, TestHandlers.APP);
		client.request("echo", Map.of("scraped", true));
		client.request("no-such-channel", Map.of());

		ActuatorClient actuator = new ActuatorClient(this.httpPort);

		// a reply is counted as sent just after it is queued, so the client may read it a moment before that
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(actuator.text("/actuator/prometheus"))
				.contains("ipc_messages_sent_total{app=\"test\",type=\"response\"}"));
		String scrape = actuator.text("/actuator/prometheus");
		assertThat(scrape).contains("ipc_connections_active{transport=\"tcp\"}",
				"ipc_connections_active{transport=\"websocket\"}", "ipc_connections_opened_total{transport=\"tcp\"}",
				"ipc_connections_closed_total{transport=\"websocket\"}",
				"ipc_messages_received_total{app=\"test\",type=\"request\"}",
				"ipc_messages_sent_total{app=\"test\",type=\"response\"}",
				"ipc_received_bytes_total{app=\"test\",transport=\"tcp\"}",
				"ipc_sent_bytes_total{app=\"test\",transport=\"tcp\"}", "ipc_errors_total{code=\"NO_HANDLER\"}",
				"ipc_publishes_delivered_total", "ipc_messages_dropped_total",
				"ipc_slow_consumers_disconnected_total{transport=\"tcp\"}");
		// a percentile histogram: buckets for the handler timer
		assertThat(scrape).containsPattern(
				"ipc_handler_duration_seconds_bucket\\{app=\"test\",outcome=\"success\",type=\"request\",le=\"[0-9.]+\"}");
		assertThat(scrape).containsPattern("(?m)^ipc_errors_total\\{code=\"NO_HANDLER\"} [1-9]");
	}

	@Test
	void everySeriesOfTheGrafanaDashboardIsInTheScrape() throws Exception {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree(Path.of("config/grafana/ipc-dashboard.json").toFile());
		Set<String> series = new TreeSet<>();
		for (JsonNode expression : dashboard.path("panels").findValues("expr")) {
			Matcher names = Pattern.compile("ipc_[a-z_]+").matcher(expression.asString());
			while (names.find()) {
				series.add(names.group());
			}
		}
		connected(Transport.TCP, TestHandlers.APP).request("echo", Map.of());

		String scrape = new ActuatorClient(this.httpPort).text("/actuator/prometheus");

		assertThat(series).hasSizeGreaterThan(10)
			.allSatisfy((name) -> assertThat(scrape).containsPattern("(?m)^" + name + "[{ ]"));
	}

}
