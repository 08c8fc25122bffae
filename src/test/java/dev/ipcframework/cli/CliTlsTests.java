package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import dev.ipcframework.testsupport.TlsServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ipc} command against the server over TLS: {@code tcps://} and {@code wss://} URLs with
 * {@code --ca-file}.
 */
class CliTlsTests extends TlsServerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void requestOverTcpsAndWssTrustingTheCaFile() {
		String ca = certificates.caCertificate().toString();
		for (String url : new String[] { "tcps://localhost:" + tcpPort(), "wss://localhost:" + this.httpPort + "/ipc" }) {
			CliResult result = run("request", "test", "greet", "{\"name\":\"Ada\",\"age\":36}", "-u", url, "--ca-file", ca);

			assertThat(result.exitCode()).as(url + ": " + result.err()).isEqualTo(ExitCodes.OK);
			JsonNode payload = JSON.readTree(result.out());
			assertThat(payload.path("text").asString()).isEqualTo("Hello, Ada");
		}
	}

	@Test
	void withoutTheCaFileTheServerIsNotTrusted() {
		CliResult result = run("request", "test", "greet", "{}", "-u", "tcps://localhost:" + tcpPort(), "-t", "3s");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.CONNECTION);
		assertThat(result.err()).contains("PKIX path building failed");
	}

	@Test
	void aCaFileThatIsNotOneIsAUsageError() {
		Path notPem = certificates.serverPrivateKey();

		CliResult result = run("request", "test", "greet", "{}", "-u", "tcps://localhost:" + tcpPort(), "--ca-file",
				notPem.toString());

		assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains("is not a PEM file of certificates to trust");
	}

	private static CliResult run(String... arguments) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		picocli.CommandLine commandLine = IpcCommand.commandLine();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int exitCode = commandLine.execute(arguments);
		return new CliResult(exitCode, out.toString(), err.toString());
	}

}
