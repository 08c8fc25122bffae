package dev.ipcframework.autoconfigure;

import java.time.Duration;

import javax.net.ssl.SSLServerSocket;

import dev.ipcframework.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How {@code ipc.tcp.ssl.*} configures the TCP server, and how a mistake in it stops the start-up.
 */
class TcpTlsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, IntegrationAutoConfiguration.class,
				SslAutoConfiguration.class, IpcAutoConfiguration.class, IpcTcpAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.port=0");

	@Test
	void anUnknownBundleNameStopsTheStartUpAndSaysWhatToDefine() {
		this.runner.withPropertyValues("ipc.tcp.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context).getFailure()
				.hasStackTraceContaining("ipc.tcp.ssl.bundle names the SSL bundle 'missing', which is not configured: "
						+ "define it under spring.ssl.bundle.pem.missing");
		});
	}

	@Test
	void theBundleMakesTheServerSocketTlsWithTheClientAuthAndProtocolsConfigured() {
		TestCertificates certificates = TestCertificates.shared();
		this.runner
			.withPropertyValues("ipc.tcp.ssl.bundle=ipc", "ipc.tcp.ssl.client-auth=need",
					"spring.ssl.bundle.pem.ipc.keystore.certificate=" + certificates.serverCertificate().toUri(),
					"spring.ssl.bundle.pem.ipc.keystore.private-key=" + certificates.serverPrivateKey().toUri(),
					"spring.ssl.bundle.pem.ipc.truststore.certificate=" + certificates.caCertificate().toUri(),
					"spring.ssl.bundle.pem.ipc.options.enabled-protocols=TLSv1.3")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TcpNetServerConnectionFactory factory = context.getBean(TcpNetServerConnectionFactory.class);
				// the factory opens its socket on a thread of its own, after the context has started
				await().atMost(Duration.ofSeconds(10)).until(factory::isListening);
				SSLServerSocket socket = (SSLServerSocket) ReflectionTestUtils.getField(factory, "serverSocket");
				assertThat(socket).isNotNull();
				assertThat(socket.getNeedClientAuth()).isTrue();
				assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
			});
	}

}
