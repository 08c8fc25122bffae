package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.IpcClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ipc demo}: walks through every pattern with two clients, printing what is sent and received. Works with
 * any server (it needs no handlers of its own: the request/response step is answered by one of the two clients
 * through the server's relay).
 */
@Command(name = "demo", description = "Walk through every pattern step by step, printing what is sent and received.")
class DemoCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ClientOptions client;

	@Option(names = "--app", defaultValue = "demo", description = "the application to use (default: ${DEFAULT-VALUE})")
	String app;

	private PrintWriter out;

	@Override
	public Integer call() throws Exception {
		this.out = this.spec.commandLine().getOut();
		try (IpcClient alice = this.client.connectOnce(this.app); IpcClient bob = this.client.connectOnce(this.app)) {
			step("1. Two clients connect to app '" + this.app + "'", "alice = " + alice.connectionId() + ", bob = "
					+ bob.connectionId());

			step("2. Heartbeat: alice pings the server", "round trip " + alice.ping().get().toNanos() / 1000 + " us");

			alice.serve("calc", (payload) -> Map.of("sum", payload.path("a").asInt() + payload.path("b").asInt())).get();
			Map<String, Integer> question = Map.of("a", 2, "b", 3);
			JsonNode answer = bob.request("calc", question).get();
			step("3. Request/response: alice serves 'calc', bob asks", "bob -> calc " + question + "\nbob <- " + answer);

			CompletableFuture<JsonNode> received = new CompletableFuture<>();
			bob.subscribe("news", (message) -> received.complete(message.payload()));
			bob.ping().get();
			Map<String, String> news = Map.of("headline", "IPC on the JVM");
			alice.publish("news", news);
			step("4. Publish/subscribe: bob subscribes to 'news', alice publishes",
					"alice -> news " + news + "\nbob <- " + received.get(10, TimeUnit.SECONDS));

			alice.notify("events", Map.of("kind", "demo"));
			step("5. Notification: one-way, nothing comes back", "alice -> events {kind=demo}");

			try {
				bob.request("nobody-serves-this", Map.of()).get();
			}
			catch (ExecutionException ex) {
				IpcClientException error = (IpcClientException) ex.getCause();
				step("6. Errors: a request nobody handles is answered at once", "bob <- error " + error.getMessage());
			}
			step("Done", "every pattern worked");
			return ExitCodes.OK;
		}
	}

	private void step(String title, String detail) {
		this.out.println("== " + title);
		this.out.println("   " + detail.replace("\n", "\n   "));
		this.out.flush();
	}

}
