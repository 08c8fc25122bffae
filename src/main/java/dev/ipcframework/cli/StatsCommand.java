package dev.ipcframework.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ipc stats}: the server's statistics, as {@code /actuator/ipc} reports them, as JSON.
 */
@Command(name = "stats", description = "Print the server's statistics (/actuator/ipc) as JSON.")
class StatsCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--http", defaultValue = "${IPC_HTTP:-http://localhost:8080}",
			description = "the server's HTTP address (default: ${DEFAULT-VALUE}, or $IPC_HTTP)")
	String http;

	@Option(names = { "-t", "--timeout" }, defaultValue = "10s", converter = DurationConverter.class,
			description = "how long to wait (default: ${DEFAULT-VALUE})")
	Duration timeout;

	@Override
	public Integer call() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(this.timeout).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.http.replaceAll("/+$", "") + "/actuator/ipc"))
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			this.spec.commandLine().getErr().println("ipc: " + request.uri() + " answered " + response.statusCode());
			return ExitCodes.ERROR_RESPONSE;
		}
		this.spec.commandLine().getOut().println(JsonArgument.MAPPER.writerWithDefaultPrettyPrinter()
			.writeValueAsString(JsonArgument.MAPPER.readTree(response.body())));
		this.spec.commandLine().getOut().flush();
		return ExitCodes.OK;
	}

}
