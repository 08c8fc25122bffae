package dev.ipcframework.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.IpcFrameworkApplication;
import dev.ipcframework.testsupport.ActuatorClient;

/**
 * One node of a cluster under test as a JVM of its own: the service ({@link IpcFrameworkApplication}) run from the
 * test class path on free ports, joined through the given Redis with short heartbeats, reading no configuration
 * file. Unlike a {@link ClusterTestNode} it can die without a word: {@link #kill()} destroys the process, so it
 * neither drains nor leaves the cluster, as a node whose machine fails. Its output goes to
 * {@code target/cluster-nodes/<node>.log}.
 */
final class ClusterNodeProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	private final String nodeId;

	private final Process process;

	private final int tcpPort;

	private final int httpPort;

	private final Path log;

	private ClusterNodeProcess(String nodeId, Process process, int tcpPort, int httpPort, Path log) {
		this.nodeId = nodeId;
		this.process = process;
		this.tcpPort = tcpPort;
		this.httpPort = httpPort;
		this.log = log;
	}

	/** Starts the node and waits until it answers on both ports. */
	static ClusterNodeProcess start(String nodeId, int redisPort, String heartbeatInterval, String nodeTimeout) {
		return start(nodeId, redisPort, heartbeatInterval, nodeTimeout, List.of());
	}

	/** @param extraArguments more command-line arguments ({@code --name=value}) */
	static ClusterNodeProcess start(String nodeId, int redisPort, String heartbeatInterval, String nodeTimeout,
			List<String> extraArguments) {
		int tcpPort = freePort();
		int httpPort = freePort();
		Path log = Path.of("target", "cluster-nodes", nodeId + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), IpcFrameworkApplication.class.getName(),
				"--spring.config.location=optional:classpath:/no-cluster-config/", "--server.port=" + httpPort,
				"--ipc.tcp.port=" + tcpPort, "--ipc.cluster.enabled=true", "--ipc.cluster.node-id=" + nodeId,
				"--ipc.cluster.heartbeat-interval=" + heartbeatInterval, "--ipc.cluster.node-timeout=" + nodeTimeout,
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--management.endpoints.web.exposure.include=health,ipc", "--ipc.dashboard.enabled=false"));
		command.addAll(extraArguments);
		Process process;
		try {
			Files.createDirectories(log.getParent());
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ClusterNodeProcess node = new ClusterNodeProcess(nodeId, process, tcpPort, httpPort, log);
		try {
			node.awaitReady();
		}
		catch (RuntimeException | Error ex) {
			node.close();
			throw ex;
		}
		return node;
	}

	String nodeId() {
		return this.nodeId;
	}

	int tcpPort() {
		return this.tcpPort;
	}

	int httpPort() {
		return this.httpPort;
	}

	/** Destroys the process at once (SIGKILL): no drain, no leave, its connections cut by the operating system. */
	void kill() {
		try {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void awaitReady() {
		ActuatorClient actuator = new ActuatorClient(this.httpPort);
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (true) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("node '" + this.nodeId + "' exited with " + this.process.exitValue()
						+ "; see " + this.log.toAbsolutePath());
			}
			try {
				// UP once it has joined the cluster (ipcCluster)
				if (actuator.send("GET", "/actuator/health").statusCode() == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not listening yet
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("node '" + this.nodeId + "' did not start within " + STARTUP
						+ "; see " + this.log.toAbsolutePath());
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
