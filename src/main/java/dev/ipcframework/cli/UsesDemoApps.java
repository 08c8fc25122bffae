package dev.ipcframework.cli;

/**
 * Marks the commands that talk to the demo applications, which only {@code ipc server} runs: when the server
 * answers them {@code NO_HANDLER}, the user is told how to start a server that has them.
 */
interface UsesDemoApps {

	String HINT = "the demo applications run in 'bin/ipc server' (or a service started with --ipc.demo.enabled=true)";

}
