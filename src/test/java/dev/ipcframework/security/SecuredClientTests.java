package dev.ipcframework.security;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.ipcframework.cli.IpcCommand;
import dev.ipcframework.client.IpcClient;
import dev.ipcframework.client.IpcConnectionException;
import dev.ipcframework.client.Options;
import dev.ipcframework.connection.Transport;
import dev.ipcframework.testsupport.SecuredServerTest;
import dev.ipcframework.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java client and the {@code ipc} command with a token, against a server that requires one.
 */
class SecuredClientTests extends SecuredServerTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void clientSendsItsTokenWhenItConnects(Transport transport) throws Exception {
		try (IpcClient client = IpcClient.connect(options(transport).token(token("ada", "alpha").sign()).build())) {
			JsonNode answer = client.request("whoami", Map.of()).get(10, TimeUnit.SECONDS);

			assertThat(answer.path("name").asString()).isEqualTo("ada");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void clientWithoutTokenIsRefused(Transport transport) {
		assertThatThrownBy(() -> IpcClient.connect(options(transport).build()))
			.isInstanceOf(IpcConnectionException.class)
			.hasMessageContaining("UNAUTHORIZED");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void clientRefreshesItsToken(Transport transport) throws Exception {
		String first = token("ada", "alpha").expiresIn(Duration.ofSeconds(3)).sign();
		try (IpcClient client = IpcClient.connect(options(transport).token(first).build())) {
			JsonNode refreshed = client.refreshToken(token("ada-2", "alpha").sign()).get(10, TimeUnit.SECONDS);

			assertThat(refreshed.path("status").asString()).isEqualTo("refreshed");
			assertThat(client.request("whoami", Map.of()).get(10, TimeUnit.SECONDS).path("name").asString())
				.isEqualTo("ada-2");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void commandTakesATokenOption(Transport transport) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = IpcCommand.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));

		int withToken = command.execute("request", "alpha", "whoami", "{}", "-u", url(transport), "--token",
				token("cli-user", "alpha").sign());
		String printed = out.toString();
		int withoutToken = command.execute("request", "alpha", "whoami", "{}", "-u", url(transport));

		assertThat(withToken).as(err.toString()).isZero();
		assertThat(printed).contains("cli-user");
		assertThat(withoutToken).isNotZero();
		assertThat(err.toString()).contains("UNAUTHORIZED");
	}

	@Test
	void statsTakesTheActuatorsCredentials() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = IpcCommand.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));
		String http = "http://127.0.0.1:" + this.httpPort;

		int without = command.execute("stats", "--http", http);
		String refusal = err.toString();
		int wrong = command.execute("stats", "--http", http, "--user", "operator:guess");
		int with = command.execute("stats", "--http", http, "--user", "operator:s3cret");

		assertThat(without).isNotZero();
		assertThat(refusal).contains("401").contains("--user NAME:PASSWORD");
		assertThat(wrong).isNotZero();
		assertThat(err.toString()).contains("the credentials were refused");
		assertThat(with).as(err.toString()).isZero();
		assertThat(out.toString()).contains("\"totals\"");
	}

	@Test
	void tokenCommandIssuesTokensTheServerAcceptsWithTheirPermissions(@TempDir Path dir) throws Exception {
		Path key = dir.resolve("ipc-private.pem");
		TestTokens.TRUSTED.writePrivateKey(key);
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = IpcCommand.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));

		int issued = command.execute("token", "--key", key.toString(), "--sub", "billing-service", "--app", "alpha",
				"--permissions", "{\"request\":[\"who*\"]}", "--ttl", "10m");
		String token = out.toString().strip();
		int allowed = command.execute("request", "alpha", "whoami", "{}", "-u", url(Transport.TCP), "--token", token);
		int forbidden = command.execute("request", "alpha", "greet", "{}", "-u", url(Transport.TCP), "--token", token);
		int missingKey = command.execute("token", "--key", dir.resolve("none.pem").toString(), "--sub", "x", "--app",
				"alpha");

		assertThat(issued).as(err.toString()).isZero();
		assertThat(allowed).as(err.toString()).isZero();
		assertThat(out.toString()).contains("billing-service");
		assertThat(forbidden).isNotZero();
		assertThat(err.toString()).contains("FORBIDDEN");
		assertThat(missingKey).isEqualTo(2);
		assertThat(err.toString()).contains("no key file at");
	}

	private Options.Builder options(Transport transport) {
		return Options.builder()
			.url(url(transport))
			.appId("alpha")
			.maxReconnectAttempts(0)
			.pingInterval(Duration.ZERO);
	}

	private String url(Transport transport) {
		return (transport == Transport.TCP) ? "tcp://127.0.0.1:" + tcpPort()
				: "ws://127.0.0.1:" + this.httpPort + "/ipc";
	}

}
