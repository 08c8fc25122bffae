package dev.ipcframework.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lua scripts that keep and read channel histories in Redis ({@code history-*.lua} beside this class): each
 * runs as one step, so that an offset, its stream entry and its delivery to the nodes never come apart.
 */
final class HistoryScripts {

	/** Admits a channel to its application's bounded number of channel histories, or refuses it. */
	static final String ADMIT = load("history-admit.lua");

	/** Keeps a publish and hands it to the nodes. */
	static final String APPEND = load("history-expire.lua") + load("history-append.lua");

	/** Reads a channel's history, for a recovery or a client's read. */
	static final String READ = load("history-expire.lua") + load("history-read.lua");

	private HistoryScripts() {
	}

	private static String load(String name) {
		try (InputStream in = HistoryScripts.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
