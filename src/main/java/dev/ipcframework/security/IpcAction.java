package dev.ipcframework.security;

/**
 * What a connection may be allowed to do on a channel: the keys of a token's {@code permissions} claim.
 */
public enum IpcAction {

	SUBSCRIBE("subscribe"), PUBLISH("publish"), NOTIFY("notify"), REQUEST("request"), SERVE("serve");

	private final String claimName;

	IpcAction(String claimName) {
		this.claimName = claimName;
	}

	/** The name of this action in a token's {@code permissions} claim. */
	public String claimName() {
		return this.claimName;
	}

}
