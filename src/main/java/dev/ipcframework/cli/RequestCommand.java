package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.ipcframework.client.IpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ipc request APP CHANNEL JSON}: prints the response payload as one line of JSON.
 */
@Command(name = "request", description = "Send a request and print the response payload as one JSON line.")
class RequestCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ClientOptions client;

	@Parameters(index = "0", description = "application id")
	String app;

	@Parameters(index = "1", description = "channel id")
	String channel;

	@Parameters(index = "2", arity = "0..1", defaultValue = "{}", converter = JsonArgument.class,
			description = "the payload as JSON (default: {})")
	JsonNode payload;

	@Override
	public Integer call() throws Exception {
		try (IpcClient ipc = this.client.connectOnce(this.app)) {
			JsonNode response = ipc.request(this.channel, this.payload, this.client.timeout).get();
			PrintWriter out = this.spec.commandLine().getOut();
			out.println(JsonArgument.MAPPER.writeValueAsString(response));
			out.flush();
			return ExitCodes.OK;
		}
	}

}
