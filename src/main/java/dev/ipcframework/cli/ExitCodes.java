package dev.ipcframework.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.ipcframework.client.IpcClientException;
import dev.ipcframework.client.IpcConnectionException;

/**
 * The exit codes of the {@code ipc} command, for shell scripts: 0 success, 1 an error response (or any other
 * failure, a local file that cannot be written among them), 2 usage error (also input that cannot be used: a file
 * to send that does not exist), 3 connection failure, 4 timeout.
 */
public final class ExitCodes {

	public static final int OK = 0;

	public static final int ERROR_RESPONSE = 1;

	public static final int USAGE = 2;

	public static final int CONNECTION = 3;

	public static final int TIMEOUT = 4;

	private ExitCodes() {
	}

	static int of(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof InputException) {
			return USAGE;
		}
		if (cause instanceof FileSystemException || cause instanceof UncheckedIOException) {
			// a local file that cannot be read or written, not the connection
			return ERROR_RESPONSE;
		}
		if (cause instanceof HttpTimeoutException) {
			return TIMEOUT;
		}
		if (cause instanceof IpcConnectionException || cause instanceof IOException) {
			return CONNECTION;
		}
		if (cause instanceof IpcClientException ipc) {
			return "TIMEOUT".equals(ipc.code()) ? TIMEOUT : ERROR_RESPONSE;
		}
		return ERROR_RESPONSE;
	}

	static String describe(Throwable failure) {
		Throwable cause = unwrap(failure);
		if (cause instanceof NoSuchFileException missing) {
			return "no such file or directory: " + missing.getFile();
		}
		if (cause instanceof AccessDeniedException denied) {
			return "permission denied: " + denied.getFile();
		}
		if (cause instanceof FileSystemException file) {
			return "cannot use " + file.getFile() + ((file.getReason() != null) ? ": " + file.getReason() : "");
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
