package dev.ipcframework.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ipcframework.client.ConnectionListener;
import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.IpcConnectionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/**
 * {@code ipc chat USERNAME [--room R]}: an interactive chat through the demo application {@code chat_app}. Lines
 * typed are sent to the room; {@code /users} lists who is in it; {@code /quit} (or end of input) leaves. When the
 * server goes away the chat says so, keeps reconnecting and joins the room again once it is back; what is typed
 * meanwhile is not sent, and the user is told.
 */
@Command(name = "chat", description = "Chat in a room of the demo chat_app (needs 'ipc server'). Commands: /users, /quit.")
class ChatCommand implements Callable<Integer>, UsesDemoApps {

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
		try (IpcClient ipc = this.client.connectLasting(APP, new ConnectionNotices(out, me))) {
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
				try {
					if (line.equals("/users")) {
						print(out, "in #" + this.room + ": " + ipc.request("users", me).get().path("users"));
					}
					else if (!line.isEmpty()) {
						ipc.publish(channel, Map.of("type", "message", "user", this.user, "text", line));
					}
				}
				catch (Exception ex) {
					if (!(ExitCodes.unwrap(ex) instanceof IpcConnectionException)) {
						throw ex;
					}
					print(out, "* not sent: not connected to the server (reconnecting)");
				}
			}
			if (ipc.isConnected()) {
				ipc.request("leave", me).get();
			}
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

	/** Tells the user when the connection drops and comes back, and joins the room again then. */
	private final class ConnectionNotices implements ConnectionListener {

		private final PrintWriter out;

		private final Map<String, String> me;

		ConnectionNotices(PrintWriter out, Map<String, String> me) {
			this.out = out;
			this.me = me;
		}

		@Override
		public void disconnected(IpcClient client, Throwable cause) {
			print(this.out, "* connection to " + client.options().url() + " lost; reconnecting");
		}

		@Override
		public void connected(IpcClient client, String connectionId, boolean reconnected) {
			if (reconnected) {
				// a restarted server has forgotten who is in the room
				client.request("join", this.me)
					.whenComplete((joined, failure) -> print(this.out, (failure == null)
							? "* reconnected; back in #" + ChatCommand.this.room
							: "* reconnected, but could not join #" + ChatCommand.this.room + " again: "
									+ ExitCodes.describe(failure)));
			}
		}

	}

}
