package dev.asynccassandra.embedded.internal.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies {@link ParentWatchingMain}'s class file into a folder that becomes the first
 * entry of the child's classpath. Reading it as a resource works whether this library
 * runs from a jar, a classes folder or a Spring Boot fat jar.
 */
public final class BootstrapClasses {

	private BootstrapClasses() {
	}

	/**
	 * Writes the bootstrap class file under the given folder.
	 * @param folder the classpath folder to create or refresh
	 * @return the folder
	 * @throws UncheckedIOException if the class file cannot be read or written
	 */
	public static Path extractTo(Path folder) {
		Class<?> type = ParentWatchingMain.class;
		String resource = type.getName().replace('.', '/') + ".class";
		Path target = folder.resolve(resource);
		try (InputStream input = type.getClassLoader().getResourceAsStream(resource)) {
			if (input == null) {
				throw new IllegalStateException("Class file " + resource + " not found by " + type.getClassLoader());
			}
			Files.createDirectories(target.getParent());
			Files.copy(input, target, StandardCopyOption.REPLACE_EXISTING);
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + target, ex);
		}
	}

	/**
	 * Returns the name of the child's main class.
	 * @return the fully qualified name
	 */
	public static String mainClassName() {
		return ParentWatchingMain.class.getName();
	}

}
