package dev.ipcframework.cli;

import java.nio.file.Path;

import dev.ipcframework.client.Options;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --ca-file} with the client's own checks, so that a file that is missing or holds no certificate is
 * a usage error (exit code 2) before anything connects.
 */
class CaFileConverter implements ITypeConverter<Path> {

	@Override
	public Path convert(String value) {
		Path file = Path.of(value);
		try {
			Options.builder().url("tcps://localhost:8888").appId("check").trustCertificates(file).build();
			return file;
		}
		catch (IllegalArgumentException ex) {
			throw new TypeConversionException("'" + value + "' is not a PEM file of certificates to trust");
		}
	}

}
