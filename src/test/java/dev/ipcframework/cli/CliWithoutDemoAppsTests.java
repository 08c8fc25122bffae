package dev.ipcframework.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import dev.ipcframework.testsupport.IpcServerTest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ipc} command against the plain service, which has no demo applications.
 */
class CliWithoutDemoAppsTests extends IpcServerTest {

	@Test
	void demoCommandAgainstTheServiceWithoutDemoAppsSaysHowToGetThem() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = IpcCommand.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));

		int exitCode = command.execute("file", "list", "-u", "tcp://127.0.0.1:" + tcpPort());

		assertThat(exitCode).isEqualTo(ExitCodes.ERROR_RESPONSE);
		assertThat(err.toString()).contains("NO_HANDLER", "file_share")
			.contains("the demo applications run in 'bin/ipc server'");
	}

}
