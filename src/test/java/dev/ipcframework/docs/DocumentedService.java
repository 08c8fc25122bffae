package dev.ipcframework.docs;

import java.util.List;

import dev.ipcframework.IpcFrameworkApplication;
import dev.ipcframework.testsupport.ListeningPort;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

/**
 * The service the documentation's commands talk to: the stand-alone application as {@code bin/ipc server} runs it
 * (the demo applications on), plus the handler classes the documentation's Java examples define, on free ports.
 * It reads no configuration file, so an edited {@code config/application.yml} changes nothing here; the one thing
 * that file adds which the examples need, the {@code ipc} endpoint over HTTP for {@code ipc stats}, is set here.
 */
final class DocumentedService implements AutoCloseable {

	/** What config/application.yml adds that the examples need: the {@code ipc} endpoint over HTTP. */
	static final String EXPOSED_ENDPOINTS = "--management.endpoints.web.exposure.include=health,info,ipc,prometheus,metrics";

	private final ConfigurableApplicationContext context;

	private DocumentedService(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static DocumentedService start(List<Class<?>> handlerClasses) {
		SpringApplication application = new SpringApplication(IpcFrameworkApplication.class);
		application.setBannerMode(Banner.Mode.OFF);
		application.addInitializers((context) -> handlerClasses
			.forEach((type) -> ((GenericApplicationContext) context).registerBean(type)));
		// arguments rather than default properties, which the environment's SERVER_PORT or IPC_TCP_PORT would beat
		return new DocumentedService(application.run("--spring.config.location=optional:classpath:/none/",
				"--ipc.demo.enabled=true", "--server.port=0", "--ipc.tcp.port=0",
				EXPOSED_ENDPOINTS,
				"--spring.application.name=ipc-framework", "--ipc.shutdown.timeout=1s"));
	}

	int tcpPort() {
		return ListeningPort.of(this.context.getBean(AbstractServerConnectionFactory.class));
	}

	int httpPort() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
