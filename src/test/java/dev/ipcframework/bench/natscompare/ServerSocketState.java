package dev.ipcframework.bench.natscompare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The state of the server's end of a loopback connection, read from {@code /proc/net/tcp} and {@code tcp6}. A
 * client that never reads cannot see the server close its connection (the FIN waits behind unread data), but the
 * server's socket leaves ESTABLISHED (FIN_WAIT1, or gone after a reset) as soon as the server closes it.
 */
final class ServerSocketState {

	static final String ESTABLISHED = "ESTABLISHED";

	static final String GONE = "gone";

	private static final String[] STATES = { "?", ESTABLISHED, "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
			"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING" };

	private ServerSocketState() {
	}

	/** The state of the socket with local port serverPort and peer port clientPort, or {@link #GONE}. */
	static String of(int serverPort, int clientPort) {
		for (String file : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			List<String> lines;
			try {
				lines = Files.readAllLines(Path.of(file));
			}
			catch (IOException ex) {
				continue;
			}
			for (int i = 1; i < lines.size(); i++) {
				String[] fields = lines.get(i).trim().split("\\s+");
				if (fields.length > 3 && port(fields[1]) == serverPort && port(fields[2]) == clientPort) {
					int state = Integer.parseInt(fields[3], 16);
					return (state < STATES.length) ? STATES[state] : fields[3];
				}
			}
		}
		return GONE;
	}

	private static int port(String address) {
		return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
	}

}
