package dev.ipcframework.cli;

import java.net.URI;

import dev.ipcframework.client.Options;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --url} with the client's own checks, so that a URL the client cannot use ({@code http://...}) is a
 * usage error (exit code 2) before anything connects.
 */
class ServerUrlConverter implements ITypeConverter<String> {

	@Override
	public String convert(String value) {
		try {
			Options.builder().url(URI.create(value)).appId("check").build();
			return value;
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + value + "' is not a server URL: use tcp://host:port (default "
					+ "port 8888) or ws://host:port/ipc, or over TLS tcps://host:port or wss://host:port/ipc");
		}
	}

}
