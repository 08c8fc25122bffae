package dev.ipcframework.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a Java example as the compilation unit it is, or a fragment inside the code its {@code <!-- compile as:
 * -->} comment gives, against this JVM's class path (the library and its dependencies, the test libraries too), and
 * loads the public class of a whole example.
 */
final class JavaExampleCompiler {

	private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

	private static final Pattern PUBLIC_TYPE = Pattern.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

	private final Path directory;

	JavaExampleCompiler(Path directory) {
		this.directory = directory;
	}

	/**
	 * The example's public class; empty for a fragment compiled in its template, which only has to compile. An
	 * {@link AssertionError} with the compiler's messages when it does not.
	 */
	Optional<Class<?>> compile(FencedBlock block) throws IOException, ClassNotFoundException {
		String source = block.source();
		Matcher type = PUBLIC_TYPE.matcher(source);
		boolean named = type.find();
		if (!named && block.template() == null) {
			throw new AssertionError(block + ": no public top-level type, so not a compilation unit; complete it, "
					+ "give it the code around it with <!-- compile as: ... -->, or mark it <!-- not run: reason -->");
		}
		// a directory per example: two examples may declare the same class
		Path output = Files.createDirectories(this.directory.resolve("line-" + block.file().toString()
			.replaceAll("[^A-Za-z0-9]", "_") + "-" + block.line()));
		Path file = Files.writeString(output.resolve((named ? type.group(1) : "Fragment") + ".java"), source);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		StringWriter messages = new StringWriter();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
			boolean compiled = compiler.getTask(messages, files, null, List.of("-d", output.toString(), "-classpath",
					System.getProperty("java.class.path"), "-proc:none", "-parameters"), null,
					files.getJavaFileObjects(file.toFile())).call();
			if (!compiled) {
				throw new AssertionError(block + " does not compile:\n" + messages);
			}
		}
		if (block.template() != null) {
			return Optional.empty();
		}
		Matcher pkg = PACKAGE.matcher(source);
		return Optional.of(load(output, (pkg.find() ? pkg.group(1) + "." : "") + type.group(1)));
	}

	private static Class<?> load(Path output, String name) throws MalformedURLException, ClassNotFoundException {
		// kept open: the service uses the classes until the end of the test
		URLClassLoader loader = new URLClassLoader(new URL[] { output.toUri().toURL() },
				JavaExampleCompiler.class.getClassLoader());
		return loader.loadClass(name);
	}

}
