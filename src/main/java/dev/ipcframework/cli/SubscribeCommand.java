package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.ipcframework.client.IpcClient;
import dev.ipcframework.protocol.EnvelopeCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ipc subscribe APP CHANNEL}: prints every message of the channel as one JSON line (the whole envelope),
 * until interrupted or {@code --count} messages have arrived. Reconnects and subscribes again when the
 * connection drops.
 */
@Command(name = "subscribe", description = "Print every message of a channel as one JSON line (the whole envelope).")
class SubscribeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ClientOptions client;

	@Parameters(index = "0", description = "application id")
	String app;

	@Parameters(index = "1", description = "channel id")
	String channel;

	@Option(names = { "-n", "--count" }, defaultValue = "0", description = "exit after this many messages (0: never)")
	int count;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		EnvelopeCodec codec = new EnvelopeCodec();
		CountDownLatch done = new CountDownLatch((this.count > 0) ? this.count : 1);
		try (IpcClient ipc = this.client.connectLasting(this.app)) {
			// fails with the server's refusal (FORBIDDEN on system, say) rather than waiting for messages that never come
			ipc.subscribeConfirmed(this.channel, (message) -> {
				synchronized (out) {
					out.println(new String(codec.encode(message), StandardCharsets.US_ASCII));
					out.flush();
				}
				if (this.count > 0) {
					done.countDown();
				}
			}).get();
			err.println("subscribed to " + this.app + "/" + this.channel);
			err.flush();
			done.await();
			return ExitCodes.OK;
		}
	}

}
