package dev.ipcframework.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a Java example as the compilation unit it is, against this JVM's class path (the library and its
 * dependencies), and loads its public class.
 */
final class JavaExampleCompiler {

	private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

	private static final Pattern PUBLIC_TYPE = Pattern.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

	private final Path directory;

	JavaExampleCompiler(Path directory) {
		this.directory = directory;
	}

	/** The example's public class, or an {@link AssertionError} with the compiler's messages. */
	Class<?> compile(FencedBlock block) throws IOException, ClassNotFoundException {
		Matcher type = PUBLIC_TYPE.matcher(block.text());
		if (!type.find()) {
			throw new AssertionError(block + ": no public top-level type, so not a compilation unit; complete it "
					+ "or mark it <!-- not run: reason -->");
		}
		// a directory per example: two examples may declare the same class
		Path output = Files.createDirectories(this.directory.resolve("line-" + block.file().toString()
			.replaceAll("[^A-Za-z0-9]", "_") + "-" + block.line()));
		Path source = Files.writeString(output.resolve(type.group(1) + ".java"), block.text());
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		StringWriter messages = new StringWriter();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
			boolean compiled = compiler.getTask(messages, files, null, List.of("-d", output.toString(), "-classpath",
					System.getProperty("java.class.path"), "-proc:none", "-parameters"), null,
					files.getJavaFileObjects(source.toFile())).call();
			if (!compiled) {
				throw new AssertionError(block + " does not compile:\n" + messages);
			}
		}
		Matcher pkg = PACKAGE.matcher(block.text());
		return load(output, (pkg.find() ? pkg.group(1) + "." : "") + type.group(1));
	}

	private static Class<?> load(Path output, String name) throws MalformedURLException, ClassNotFoundException {
		// kept open: the service uses the classes until the end of the test
		URLClassLoader loader = new URLClassLoader(new URL[] { output.toUri().toURL() },
				JavaExampleCompiler.class.getClassLoader());
		return loader.loadClass(name);
	}

}
