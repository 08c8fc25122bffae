package dev.ipcframework.cli;

/**
 * The command cannot run with the input it was given (a file that does not exist, a download that would
 * overwrite a file): exit code 2, with the message and without the usage text.
 */
class InputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InputException(String message) {
		super(message);
	}

}
