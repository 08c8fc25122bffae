package dev.ipcframework.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.ipcframework.IpcFrameworkApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code ipc server}: the service with the demo applications ({@code chat_app}, {@code file_share},
 * {@code monitoring}, {@code demo}) switched on. Other arguments go to Spring Boot ({@code --ipc.tcp.port=9000}).
 */
@Command(name = "server", description = { "Run the service with the demo applications enabled.",
		"Other arguments go to Spring Boot, e.g. --ipc.tcp.port=9000 --server.port=9080." })
class ServerCommand implements Callable<Integer> {

	/** Everything after {@code server} goes to Spring Boot. */
	@Unmatched
	List<String> springArguments = new ArrayList<>();

	@Override
	public Integer call() throws Exception {
		List<String> arguments = new ArrayList<>();
		arguments.add("--ipc.demo.enabled=true");
		arguments.addAll(this.springArguments);
		CountDownLatch stopped = new CountDownLatch(1);
		SpringApplication application = new SpringApplication(IpcFrameworkApplication.class);
		application.addListeners((ContextClosedEvent event) -> stopped.countDown());
		ConfigurableApplicationContext context;
		try {
			context = application.run(arguments.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring Boot has reported why (a port in use, say) already
			return ExitCodes.ERROR_RESPONSE;
		}
		if (context.isActive()) {
			stopped.await();
		}
		return ExitCodes.OK;
	}

}
