package dev.ipcframework.cli;

import dev.ipcframework.client.IpcClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ipc} command: the service with its demo applications, the demo tools of the original
 * ({@code chat}, {@code file}, {@code monitor}, {@code demo}), commands for scripts ({@code request},
 * {@code publish}, {@code subscribe}, {@code stats}) and a load generator ({@code bench}). Exit codes are listed
 * in {@link ExitCodes}.
 */
@Command(name = "ipc", mixinStandardHelpOptions = true, version = "ipc 0.1.0",
		description = "Tools for the IPC Framework service.",
		subcommands = { ServerCommand.class, RequestCommand.class, PublishCommand.class, SubscribeCommand.class,
				StatsCommand.class, TokenCommand.class, ChatCommand.class, FileCommand.class, MonitorCommand.class, DemoCommand.class,
				BenchCommand.class, CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:success", "1:the server answered with an error (or another failure)",
				"2:usage error (unknown option, invalid JSON)", "3:cannot connect, or the connection was lost",
				"4:no response within the timeout" })
public class IpcCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	public static void main(String[] args) {
		System.exit(commandLine().execute(args));
	}

	/** The command line with the exit-code mapping; tests run it in-process. */
	public static CommandLine commandLine() {
		CommandLine commandLine = new CommandLine(new IpcCommand());
		commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
			failed.getErr().println("ipc: " + ExitCodes.describe(ex));
			if (failed.getCommand() instanceof UsesDemoApps && ExitCodes.unwrap(ex) instanceof IpcClientException error
					&& "NO_HANDLER".equals(error.code())) {
				failed.getErr().println("ipc: " + UsesDemoApps.HINT);
			}
			failed.getErr().flush();
			return ExitCodes.of(ex);
		});
		return commandLine;
	}

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

}
