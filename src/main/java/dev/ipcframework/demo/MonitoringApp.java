package dev.ipcframework.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.handler.IpcHandler;
import dev.ipcframework.protocol.MessageType;
import dev.ipcframework.routing.IpcTemplate;

/**
 * The monitoring demo ({@code monitoring}): machines publish their figures on channel {@code metrics}; a figure
 * above its threshold raises an alert, published on channel {@code alerts}; {@code status} answers the latest
 * figures of every machine.
 */
public class MonitoringApp {

	public static final String APP = "monitoring";

	/** One machine's figures, in percent. */
	public record Metrics(String host, double cpu, double memory) {
	}

	private final IpcTemplate template;

	private final double cpuThreshold;

	private final double memoryThreshold;

	private final Map<String, Metrics> latest = new ConcurrentHashMap<>();

	MonitoringApp(IpcTemplate template, double cpuThreshold, double memoryThreshold) {
		this.template = template;
		this.cpuThreshold = cpuThreshold;
		this.memoryThreshold = memoryThreshold;
	}

	@IpcHandler(app = APP, channel = "metrics", type = MessageType.PUBLISH)
	public void metrics(Metrics metrics) {
		if (metrics.host() == null) {
			return;
		}
		this.latest.put(metrics.host(), metrics);
		alertAbove(metrics, "cpu", metrics.cpu(), this.cpuThreshold);
		alertAbove(metrics, "memory", metrics.memory(), this.memoryThreshold);
	}

	@IpcHandler(app = APP, channel = "status")
	public Map<String, Metrics> status() {
		return Map.copyOf(this.latest);
	}

	private void alertAbove(Metrics metrics, String name, double value, double threshold) {
		if (value > threshold) {
			this.template.publish(APP, "alerts", Map.of("host", metrics.host(), "metric", name, "value", value,
					"threshold", threshold, "level", (value > (threshold + 100) / 2) ? "critical" : "warning"));
		}
	}

}
