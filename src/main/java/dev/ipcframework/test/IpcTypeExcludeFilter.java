package dev.ipcframework.test;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.ipcframework.handler.IpcHandler;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ObjectUtils;

/**
 * Component scanning in an {@link IpcTest @IpcTest}: the named handler beans, or every bean with an
 * {@link IpcHandler @IpcHandler} method when none are named, plus the Jackson modules that shape their payloads.
 */
final class IpcTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<IpcTest> {

	private static final Class<?>[] NO_HANDLERS = {};

	private static final String[] OPTIONAL_INCLUDES = { "tools.jackson.databind.JacksonModule",
			"org.springframework.boot.jackson.JacksonComponent" };

	private static final Set<Class<?>> KNOWN_INCLUDES = knownIncludes();

	private final Class<?>[] handlers;

	IpcTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
		this.handlers = getAnnotation().getValue("handlers", Class[].class).orElse(NO_HANDLERS);
	}

	@Override
	protected boolean defaultInclude(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory)
			throws IOException {
		if (super.defaultInclude(metadataReader, metadataReaderFactory)) {
			return true;
		}
		// @IpcHandler marks methods, so a type filter does not see it
		return ObjectUtils.isEmpty(this.handlers)
				&& metadataReader.getAnnotationMetadata().hasAnnotatedMethods(IpcHandler.class.getName());
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return KNOWN_INCLUDES;
	}

	@Override
	protected Set<Class<?>> getComponentIncludes() {
		return new LinkedHashSet<>(Arrays.asList(this.handlers));
	}

	private static Set<Class<?>> knownIncludes() {
		Set<Class<?>> includes = new LinkedHashSet<>();
		for (String name : OPTIONAL_INCLUDES) {
			if (ClassUtils.isPresent(name, IpcTypeExcludeFilter.class.getClassLoader())) {
				includes.add(ClassUtils.resolveClassName(name, IpcTypeExcludeFilter.class.getClassLoader()));
			}
		}
		return Set.copyOf(includes);
	}

}
