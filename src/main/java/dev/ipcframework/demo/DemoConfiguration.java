package dev.ipcframework.demo;

import dev.ipcframework.routing.IpcTemplate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The server side of the {@code ipc chat}, {@code ipc file} and {@code ipc monitor} tools, as the original's demo
 * server had it: applications {@code chat_app}, {@code file_share} and {@code monitoring}, plus
 * {@code demo/echo} for {@code ipc bench}. Only with
 * {@code ipc.demo.enabled=true} ({@code ipc server} sets it), so the plain service stays clean.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ipc.demo.enabled", havingValue = "true")
public class DemoConfiguration {

	@Bean
	EchoApp demoEchoApp() {
		return new EchoApp();
	}

	@Bean
	ChatApp demoChatApp(IpcTemplate template) {
		return new ChatApp(template);
	}

	@Bean
	FileShareApp demoFileShareApp(IpcTemplate template,
			@Value("${ipc.demo.file-share.max-bytes:64MB}") DataSize maxBytes) {
		return new FileShareApp(template, maxBytes.toBytes());
	}

	@Bean
	MonitoringApp demoMonitoringApp(IpcTemplate template,
			@Value("${ipc.demo.monitoring.cpu-threshold:80}") double cpuThreshold,
			@Value("${ipc.demo.monitoring.memory-threshold:90}") double memoryThreshold) {
		return new MonitoringApp(template, cpuThreshold, memoryThreshold);
	}

}
