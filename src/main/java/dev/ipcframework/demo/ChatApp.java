package dev.ipcframework.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.ipcframework.connection.IpcConnection;
import dev.ipcframework.handler.IpcHandler;
import dev.ipcframework.protocol.IpcErrorCode;
import dev.ipcframework.protocol.IpcException;
import dev.ipcframework.routing.IpcTemplate;

/**
 * The chat demo ({@code chat_app}): rooms whose messages go out on channel {@code room.<name>}. Clients join and
 * leave with requests (announced to the room), ask for the user list, and publish their messages to the room's
 * channel themselves. Users whose connection closed drop out of the lists.
 */
public class ChatApp {

	public static final String APP = "chat_app";

	/** A member of a room: the name and the connection it joined from. */
	record Member(String user, IpcConnection connection) {
	}

	/** {@code {"user": "ada", "room": "general"}}; the room defaults to {@code general}. */
	public record JoinRequest(String user, String room) {
	}

	private final IpcTemplate template;

	private final Map<String, Map<String, Member>> rooms = new ConcurrentHashMap<>();

	ChatApp(IpcTemplate template) {
		this.template = template;
	}

	public static String roomChannel(String room) {
		return "room." + room;
	}

	@IpcHandler(app = APP, channel = "join")
	public Map<String, Object> join(JoinRequest request, IpcConnection caller) {
		String user = requireUser(request);
		String room = room(request);
		this.rooms.computeIfAbsent(room, (key) -> new ConcurrentHashMap<>()).put(user, new Member(user, caller));
		this.template.publish(APP, roomChannel(room), Map.of("type", "join", "user", user, "room", room));
		return Map.of("room", room, "channel", roomChannel(room), "users", users(room));
	}

	@IpcHandler(app = APP, channel = "leave")
	public Map<String, Object> leave(JoinRequest request) {
		String user = requireUser(request);
		String room = room(request);
		Map<String, Member> members = this.rooms.get(room);
		if (members != null && members.remove(user) != null) {
			this.template.publish(APP, roomChannel(room), Map.of("type", "leave", "user", user, "room", room));
		}
		return Map.of("room", room, "users", users(room));
	}

	@IpcHandler(app = APP, channel = "users")
	public Map<String, Object> users(JoinRequest request) {
		String room = room(request);
		return Map.of("room", room, "users", users(room));
	}

	private List<String> users(String room) {
		Map<String, Member> members = this.rooms.getOrDefault(room, Map.of());
		members.values().removeIf((member) -> !member.connection().isOpen());
		return List.copyOf(new TreeSet<>(members.keySet()));
	}

	private static String requireUser(JoinRequest request) {
		if (request == null || request.user() == null || request.user().isBlank()) {
			throw new IpcException(IpcErrorCode.BAD_REQUEST, "'user' is required");
		}
		return request.user();
	}

	private static String room(JoinRequest request) {
		return (request == null || request.room() == null || request.room().isBlank()) ? "general" : request.room();
	}

}
