package dev.asynccassandra.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.asynccassandra.internal.request.RequestLauncher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's import graph, read from the compiled classes (the constant pool names every
 * type a class refers to, in its code, fields and signatures): nothing on the request
 * path refers back to the session, and a request's handler and results reach the launcher
 * only through its owner interface.
 */
class RequestPathImportsTests {

	private static final String ROOT = "dev/asynccassandra/internal/";

	private static final List<String> REQUEST_PATH = List.of("request", "stream", "error", "event");

	private static final Pattern TYPE_NAME = Pattern.compile("dev/asynccassandra/[A-Za-z0-9_/$]+");

	@Test
	void nothingOnTheRequestPathRefersToTheSession() throws Exception {
		Map<String, Set<String>> references = referencesOfClassesIn(REQUEST_PATH);
		assertThat(references).as("classes of the request path").containsKey(ROOT + "request/RequestLauncher");
		Map<String, Set<String>> backToTheSession = new TreeMap<>();
		references.forEach((type, referenced) -> {
			Set<String> session = new TreeSet<>();
			for (String name : referenced) {
				if (name.startsWith(ROOT + "session/")) {
					session.add(name);
				}
			}
			if (!session.isEmpty()) {
				backToTheSession.put(type, session);
			}
		});
		assertThat(backToTheSession).as("request-path classes that refer to internal.session").isEmpty();
	}

	@Test
	void theSessionDrivesTheRequestPathThroughTheLauncher() throws Exception {
		// The scan sees references: the session refers to the launcher it drives.
		Map<String, Set<String>> references = referencesOfClassesIn(List.of("session"));
		assertThat(references.get(ROOT + "session/DefaultAsyncSession")).contains(ROOT + "request/RequestLauncher")
			.doesNotContain(ROOT + "request/RequestHandler", ROOT + "request/RequestContext");
	}

	@Test
	void handlersAndResultsReachTheLauncherOnlyThroughTheirOwner() throws Exception {
		Map<String, Set<String>> references = referencesOfClassesIn(List.of("request"));
		for (String type : List.of("RequestHandler", "DefaultAsyncResult", "StreamPageFetcher", "RequestContext",
				"Operation", "RequestOwner")) {
			assertThat(references.get(ROOT + "request/" + type)).as(type)
				.isNotNull()
				.doesNotContain(ROOT + "request/RequestLauncher");
		}
		assertThat(references.get(ROOT + "request/RequestHandler")).contains(ROOT + "request/RequestOwner");
	}

	/**
	 * The types of {@code dev.asynccassandra} each class of the given packages (nested
	 * classes included) refers to.
	 */
	private static Map<String, Set<String>> referencesOfClassesIn(List<String> packages)
			throws IOException, URISyntaxException {
		Path classes = Path.of(RequestLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Map<String, Set<String>> references = new TreeMap<>();
		for (String name : packages) {
			Path directory = classes.resolve(ROOT + name);
			List<Path> files;
			try (Stream<Path> listing = Files.list(directory)) {
				files = listing.filter((file) -> file.toString().endsWith(".class")).toList();
			}
			for (Path file : files) {
				String type = classes.relativize(file).toString().replace('\\', '/').replaceAll("\\.class$", "");
				int nested = type.indexOf('$');
				String outer = (nested < 0) ? type : type.substring(0, nested);
				Set<String> referenced = references.computeIfAbsent(outer, (key) -> new TreeSet<>());
				for (String symbol : symbolsOf(Files.readAllBytes(file))) {
					Matcher matcher = TYPE_NAME.matcher(symbol);
					while (matcher.find()) {
						String match = matcher.group();
						int inner = match.indexOf('$');
						referenced.add((inner < 0) ? match : match.substring(0, inner));
					}
				}
				referenced.remove(outer);
			}
		}
		return references;
	}

	/**
	 * The UTF-8 entries of a class file's constant pool that name types: class names and
	 * descriptors and signatures, but not string literals.
	 */
	private static List<String> symbolsOf(byte[] classFile) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
		in.readInt(); // magic
		in.readUnsignedShort(); // minor
		in.readUnsignedShort(); // major
		int count = in.readUnsignedShort();
		String[] utf8 = new String[count];
		Set<Integer> literals = new HashSet<>();
		for (int index = 1; index < count; index++) {
			int tag = in.readUnsignedByte();
			switch (tag) {
				case 1 -> utf8[index] = in.readUTF();
				case 8 -> literals.add(in.readUnsignedShort());
				case 7, 16, 19, 20 -> in.readUnsignedShort();
				case 15 -> in.skipBytes(3);
				case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
				case 5, 6 -> {
					in.skipBytes(8);
					index++;
				}
				default -> throw new IOException("Unknown constant pool tag " + tag);
			}
		}
		List<String> symbols = new ArrayList<>();
		for (int index = 1; index < count; index++) {
			if (utf8[index] != null && !literals.contains(index)) {
				symbols.add(utf8[index]);
			}
		}
		return symbols;
	}

}
