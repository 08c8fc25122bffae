package dev.ipcframework.cli;

import java.util.concurrent.Callable;

import dev.ipcframework.client.IpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code ipc publish APP CHANNEL JSON}: publishes one message to the channel's subscribers.
 */
@Command(name = "publish", description = "Publish a message to a channel's subscribers.")
class PublishCommand implements Callable<Integer> {

	@Mixin
	ClientOptions client;

	@Parameters(index = "0", description = "application id")
	String app;

	@Parameters(index = "1", description = "channel id")
	String channel;

	@Parameters(index = "2", converter = JsonArgument.class, description = "the payload as JSON")
	JsonNode payload;

	@Override
	public Integer call() throws Exception {
		try (IpcClient ipc = this.client.connectOnce(this.app)) {
			// fails with the server's refusal (FORBIDDEN on system, say), so that a script sees it
			ipc.publishConfirmed(this.channel, this.payload).get();
			return ExitCodes.OK;
		}
	}

}
