package dev.ipcframework.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ipcframework.client.IpcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ipc chat USERNAME [--room R]}: an interactive chat through the demo application {@code chat_app}. Lines
 * typed are sent to the room; {@code /users} lists who is in it; {@code /quit} (or end of input) leaves.
 */
@Command(name = "chat", description = "Chat in a room of the demo chat_app (needs 'ipc server'). Commands: /users, /quit.")
class ChatCommand implements Callable<Integer> {

	static final String APP = "chat_app";

	@Spec
	CommandSpec spec;

	@Mixin
	ClientOptions client;

	@Parameters(index = "0", description = "your user name")
	String user;

	@Option(names = { "-r", "--room" }, defaultValue = "general", description = "the room (default: ${DEFAULT-VALUE})")
	String room;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		String channel = "room." + this.room;
		Map<String, String> me = Map.of("user", this.user, "room", this.room);
		try (IpcClient ipc = this.client.connectLasting(APP)) {
			ipc.subscribe(channel, (message) -> print(out, message.payload()));
			JsonNode joined = ipc.request("join", me).get();
			print(out, "joined #" + this.room + "; in the room: " + joined.path("users"));
			print(out, "type a message and press Enter; /users lists the room, /quit leaves");
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null) {
				line = line.strip();
				if (line.equals("/quit")) {
					break;
				}
				if (line.equals("/users")) {
					print(out, "in #" + this.room + ": " + ipc.request("users", me).get().path("users"));
				}
				else if (!line.isEmpty()) {
					ipc.publish(channel, Map.of("type", "message", "user", this.user, "text", line));
				}
			}
			ipc.request("leave", me).get();
			return ExitCodes.OK;
		}
	}

	private void print(PrintWriter out, JsonNode event) {
		String type = event.path("type").asString("");
		String who = event.path("user").asString("?");
		switch (type) {
			case "join" -> print(out, "* " + who + " joined");
			case "leave" -> print(out, "* " + who + " left");
			default -> {
				if (!who.equals(this.user)) {
					print(out, "<" + who + "> " + event.path("text").asString(""));
				}
			}
		}
	}

	private static void print(PrintWriter out, String line) {
		synchronized (out) {
			out.println(line);
			out.flush();
		}
	}

}
