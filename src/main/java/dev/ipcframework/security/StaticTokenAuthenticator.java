package dev.ipcframework.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Per-app tokens from the configuration ({@code ipc.security.apps.<app_id>.tokens}), stored as SHA-256 hashes
 * ({@code sha256:<64 hex digits>}) so that the configuration holds no secret. A token matches only the app it is
 * listed under, and allows every action on every channel of it.
 */
public class StaticTokenAuthenticator implements IpcAuthenticator {

	private static final String PREFIX = "sha256:";

	private static final int NAME_HASH_DIGITS = 8;

	private final Map<String, List<byte[]>> hashesByApp;

	/**
	 * @param tokensByApp hashed tokens by app id
	 * @throws IllegalArgumentException for a value that is not {@code sha256:} and 64 hex digits
	 */
	public StaticTokenAuthenticator(Map<String, List<String>> tokensByApp) {
		this.hashesByApp = tokensByApp.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
					(entry) -> entry.getValue().stream().map((value) -> parse(entry.getKey(), value)).toList()));
	}

	/** Whether any app has a static token. */
	public boolean hasTokens() {
		return this.hashesByApp.values().stream().anyMatch((hashes) -> !hashes.isEmpty());
	}

	@Override
	public @Nullable IpcPrincipal authenticate(IpcCredentials credentials) {
		List<byte[]> hashes = this.hashesByApp.get(credentials.appId());
		if (hashes == null) {
			return null;
		}
		byte[] offered = sha256(credentials.token());
		for (byte[] hash : hashes) {
			// constant time: how much of a hash matched must not show in the answer's timing
			if (MessageDigest.isEqual(hash, offered)) {
				String name = credentials.appId() + ":token-"
						+ HexFormat.of().formatHex(hash).substring(0, NAME_HASH_DIGITS);
				return new IpcPrincipal(name, Set.of(credentials.appId()), ChannelPermissions.ALL, null);
			}
		}
		// not one of this app's tokens: perhaps a JWT
		return null;
	}

	/** The value to put in the configuration for a token. */
	public static String hash(String token) {
		return PREFIX + HexFormat.of().formatHex(sha256(token));
	}

	private static byte[] parse(String appId, String value) {
		String hex = value.trim().toLowerCase(Locale.ROOT);
		if (!hex.startsWith(PREFIX) || hex.length() != PREFIX.length() + 64
				|| !hex.substring(PREFIX.length()).chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
			// the value itself stays out of the message: it might be a token pasted by mistake
			throw new IllegalArgumentException("ipc.security.apps." + appId
					+ ".tokens: each value must be 'sha256:' followed by the 64 hex digits of the token's SHA-256 hash");
		}
		return HexFormat.of().parseHex(hex.substring(PREFIX.length()));
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java platform has SHA-256", ex);
		}
	}

}
