package dev.asynccassandra.embedded.internal.node;

import java.nio.file.Path;
import java.util.List;

import dev.asynccassandra.embedded.internal.classpath.ServerClasspath;

final class TestClasspaths {

	private TestClasspaths() {
	}

	static ServerClasspath of(Path... jars) {
		return ServerClasspath.of(List.of(jars), "5.0.6");
	}

}
