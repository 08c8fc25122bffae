package dev.ipcframework.protocol;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The six message types of the IPC Framework protocol, written lower case on the wire.
 */
public enum MessageType {

	REQUEST, RESPONSE, NOTIFICATION, SUBSCRIBE, UNSUBSCRIBE, PUBLISH;

	private final String wireName = name().toLowerCase(Locale.ROOT);

	/** The lower-case name used in the {@code message_type} field. */
	public String wireName() {
		return this.wireName;
	}

	/** The type for a wire name, or {@code null} when the name is not one of the six. */
	public static @Nullable MessageType fromWireName(String wireName) {
		for (MessageType type : values()) {
			if (type.wireName.equals(wireName)) {
				return type;
			}
		}
		return null;
	}

}
