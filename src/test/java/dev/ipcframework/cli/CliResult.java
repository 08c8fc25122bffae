package dev.ipcframework.cli;

/**
 * What one run of the {@code ipc} command left behind.
 */
record CliResult(int exitCode, String out, String err) {
}
