package dev.asynccassandra.distribution;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The files of a Central bundle (a zip in Maven repository layout), read into memory: a
 * bundle of a few modules is a few megabytes.
 */
public final class CentralBundle {

	private final Map<String, byte[]> files;

	private CentralBundle(Map<String, byte[]> files) {
		this.files = Collections.unmodifiableMap(files);
	}

	/**
	 * Reads a bundle.
	 * @param zip the bundle
	 * @return its files by path
	 */
	public static CentralBundle read(Path zip) {
		if (!Files.isRegularFile(zip)) {
			throw new IllegalArgumentException("No bundle at " + zip);
		}
		try (InputStream in = Files.newInputStream(zip)) {
			return read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the bundle " + zip, ex);
		}
	}

	static CentralBundle read(InputStream in) throws IOException {
		Map<String, byte[]> files = new TreeMap<>();
		try (ZipInputStream zip = new ZipInputStream(in)) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (!entry.isDirectory()) {
					files.put(entry.getName(), zip.readAllBytes());
				}
			}
		}
		return new CentralBundle(files);
	}

	/**
	 * Every file's path, sorted.
	 * @return the paths
	 */
	public List<String> paths() {
		return new ArrayList<>(this.files.keySet());
	}

	/**
	 * Whether the bundle holds a file.
	 * @param path its path in the bundle
	 * @return {@code true} if present
	 */
	public boolean contains(String path) {
		return this.files.containsKey(path);
	}

	/**
	 * A file's content.
	 * @param path its path in the bundle
	 * @return the bytes
	 */
	public byte[] content(String path) {
		byte[] content = this.files.get(path);
		if (content == null) {
			throw new IllegalArgumentException("The bundle has no " + path);
		}
		return content;
	}

	/**
	 * The paths of the entries of a jar in the bundle.
	 * @param path the jar's path in the bundle
	 * @return the entry names
	 */
	public List<String> jarEntries(String path) {
		List<String> entries = new ArrayList<>();
		try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(content(path)))) {
			for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
				entries.add(entry.getName());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the jar " + path, ex);
		}
		return entries;
	}

}
