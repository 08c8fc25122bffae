package dev.ipcframework.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ipcframework.autoconfigure.IpcAutoConfigurationTests.InventoryConfiguration;
import dev.ipcframework.testsupport.ListeningPort;
import dev.ipcframework.testsupport.RawClient;
import dev.ipcframework.transport.tcp.IpcNioServerConnectionFactory;
import dev.ipcframework.transport.tcp.IpcTcpServerConnectionFactory;
import dev.ipcframework.transport.tcp.TcpIoMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ipc.tcp.io-mode}: which of Spring Integration's server connection factories reads the TCP port, that both
 * serve clients, and that with NIO an idle connection holds no thread.
 */
class TcpIoModeTests {

	private static final String READER_THREADS = "ipc-tcp-";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IntegrationAutoConfiguration.class,
				IpcAutoConfiguration.class, IpcTcpAutoConfiguration.class))
		.withUserConfiguration(InventoryConfiguration.class)
		.withPropertyValues("ipc.tcp.port=0");

	@ParameterizedTest
	@EnumSource(value = TcpIoMode.class, names = { "BLOCKING", "NIO" })
	void eitherModeAnswersRequests(TcpIoMode mode) {
		this.runner.withPropertyValues("ipc.tcp.io-mode=" + mode).run((context) -> {
			AbstractServerConnectionFactory factory = context.getBean(AbstractServerConnectionFactory.class);
			assertThat(factory).isInstanceOf(
					(mode == TcpIoMode.NIO) ? IpcNioServerConnectionFactory.class : IpcTcpServerConnectionFactory.class);
			try (RawClient client = RawClient.tcp(ListeningPort.of(factory))) {
				client.connect("shop");

				assertThat(client.request("stock", Map.of("sku", "tea")).path("payload").path("count").asInt())
					.isEqualTo(7);
			}
		});
	}

	@Test
	void autoReadsWithNioWhereConnectionsWouldEachHoldAPlatformThread() {
		this.runner.run((context) -> assertThat(context.getBean(AbstractServerConnectionFactory.class))
			.isInstanceOf((Runtime.version().feature() >= 21) ? IpcTcpServerConnectionFactory.class
					: IpcNioServerConnectionFactory.class));
		this.runner.withPropertyValues("ipc.workers.virtual-threads=false")
			.run((context) -> assertThat(context.getBean(AbstractServerConnectionFactory.class))
				.isInstanceOf(IpcNioServerConnectionFactory.class));
	}

	@Test
	void nioWithTlsStopsTheStartupSayingWhy() {
		this.runner.withPropertyValues("ipc.tcp.io-mode=nio", "ipc.tcp.ssl.bundle=server")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("ipc.tcp.io-mode=nio serves plain TCP only"));
	}

	@Test
	void idleNioConnectionsHoldNoThread() {
		int connections = 200;
		this.runner.withPropertyValues("ipc.tcp.io-mode=nio", "ipc.workers.virtual-threads=false").run((context) -> {
			int port = ListeningPort.of(context.getBean(AbstractServerConnectionFactory.class));
			List<RawClient> clients = new ArrayList<>();
			long threadsBefore = readerThreads();
			try {
				for (int i = 0; i < connections; i++) {
					RawClient client = RawClient.tcp(port);
					clients.add(client);
					client.connect("shop");
				}

				assertThat(clients.get(0).request("stock", Map.of("sku", "tea")).path("payload").path("count").asInt())
					.as("the first connection still answers").isEqualTo(7);
				assertThat(readerThreads() - threadsBefore).as("reading threads added by %d clients", connections)
					.isLessThan(connections / 4);
			}
			finally {
				clients.forEach(RawClient::close);
			}
		});
	}

	private static long readerThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith(READER_THREADS))
			.count();
	}

}
