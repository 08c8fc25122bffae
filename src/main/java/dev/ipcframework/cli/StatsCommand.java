package dev.ipcframework.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
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

	@Option(names = "--user", defaultValue = "${IPC_HTTP_USER}", paramLabel = "NAME:PASSWORD",
			description = "HTTP Basic credentials for the Actuator, when the server requires them (or $IPC_HTTP_USER)")
	@Nullable String user;

	@Option(names = { "-t", "--timeout" }, defaultValue = "10s", converter = DurationConverter.class,
			description = "how long to wait (default: ${DEFAULT-VALUE})")
	Duration timeout;

	@Override
	public Integer call() throws Exception {
		URI uri = actuatorUri();
		HttpClient client = HttpClient.newBuilder().connectTimeout(this.timeout).build();
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json");
		if (this.user != null && !this.user.isEmpty()) {
			if (this.user.indexOf(':') < 0) {
				throw new InputException("--user takes NAME:PASSWORD");
			}
			builder.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(this.user.getBytes(StandardCharsets.UTF_8)));
		}
		HttpRequest request = builder.build();
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpTimeoutException ex) {
			throw new HttpTimeoutException("no answer from " + uri + " within " + this.timeout.toMillis() + " ms");
		}
		catch (IOException ex) {
			// the JDK's ConnectException has no message of its own
			throw new IOException("cannot reach " + uri + ": " + ((ex.getMessage() != null) ? ex.getMessage()
					: (ex instanceof ConnectException) ? "connection refused" : ex.getClass().getSimpleName()), ex);
		}
		if (response.statusCode() == 401) {
			this.spec.commandLine().getErr().println("ipc: " + request.uri() + " answered 401: "
					+ ((this.user != null && !this.user.isEmpty()) ? "the credentials were refused"
							: "the Actuator requires credentials; pass --user NAME:PASSWORD or set IPC_HTTP_USER"));
			return ExitCodes.ERROR_RESPONSE;
		}
		if (response.statusCode() != 200) {
			this.spec.commandLine().getErr().println("ipc: " + request.uri() + " answered " + response.statusCode());
			return ExitCodes.ERROR_RESPONSE;
		}
		this.spec.commandLine().getOut().println(JsonArgument.MAPPER.writerWithDefaultPrettyPrinter()
			.writeValueAsString(JsonArgument.MAPPER.readTree(response.body())));
		this.spec.commandLine().getOut().flush();
		return ExitCodes.OK;
	}

	private URI actuatorUri() {
		try {
			URI uri = URI.create(this.http.replaceAll("/+$", "") + "/actuator/ipc");
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException();
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new InputException("'" + this.http + "' is not an HTTP address like http://localhost:8080");
		}
	}

}
