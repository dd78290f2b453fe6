package dev.asynccassandra.embedded.internal.classpath;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Maven repository over HTTP on 127.0.0.1 serving exactly the server's listed jars from
 * the build's own local repository, with a {@code .sha1} computed from each jar. Counts
 * the requests it receives, and can corrupt or truncate chosen jars while still serving
 * the checksum of the real bytes.
 */
public final class LoopbackMavenRepository implements AutoCloseable {

	private final Path source;

	private final Set<String> served;

	private final Set<String> corrupted = ConcurrentHashMap.newKeySet();

	private final Set<String> truncated = ConcurrentHashMap.newKeySet();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger jarDownloads = new AtomicInteger();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(6);

	private LoopbackMavenRepository(Path source, ServerListing listing) throws IOException {
		this.source = source;
		this.served = listing.artifacts().stream().map(ServerArtifact::path).collect(Collectors.toUnmodifiableSet());
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Serves the listed jars of the build's local repository.
	 * @param listing the server's jars
	 * @return the started repository
	 * @throws IOException if the server cannot start
	 */
	public static LoopbackMavenRepository ofBuildRepository(ServerListing listing) throws IOException {
		return new LoopbackMavenRepository(buildRepository(), listing);
	}

	/**
	 * Returns the local repository of the build running the tests.
	 * @return the folder holding the listed jars
	 */
	public static Path buildRepository() {
		return ServerRepositories.fromEnvironment().localRepository();
	}

	/**
	 * Returns the repository's URL.
	 * @return an http URL on the loopback address
	 */
	public String url() {
		return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort()
				+ "/maven2";
	}

	/**
	 * Serves other bytes than the checksum promises for this artifact.
	 * @param artifact the artifact to corrupt
	 */
	public void corrupt(ServerArtifact artifact) {
		this.corrupted.add(artifact.path());
	}

	/**
	 * Ends this artifact's response halfway through its announced length.
	 * @param artifact the artifact to truncate
	 */
	public void truncate(ServerArtifact artifact) {
		this.truncated.add(artifact.path());
	}

	/** Serves every artifact intact again. */
	public void repair() {
		this.corrupted.clear();
		this.truncated.clear();
	}

	/**
	 * Returns how many requests of any kind arrived.
	 * @return the request count
	 */
	public int requests() {
		return this.requests.get();
	}

	/**
	 * Returns how many jars (not checksums) were sent.
	 * @return the jar download count
	 */
	public int jarDownloads() {
		return this.jarDownloads.get();
	}

	/**
	 * Returns the SHA-1 of a file, in hex.
	 * @param file the file
	 * @return the checksum
	 */
	public static String sha1(Path file) {
		try {
			return sha1(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.requests.incrementAndGet();
			String path = exchange.getRequestURI().getPath().replaceFirst("^/maven2/", "");
			boolean checksum = path.endsWith(".sha1");
			String artifact = checksum ? path.substring(0, path.length() - ".sha1".length()) : path;
			if (!this.served.contains(artifact)) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] bytes = Files.readAllBytes(this.source.resolve(artifact));
			boolean head = "HEAD".equals(exchange.getRequestMethod());
			if (checksum) {
				send(exchange, sha1(bytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII), head);
				return;
			}
			if (head) {
				exchange.sendResponseHeaders(200, -1);
				return;
			}
			this.jarDownloads.incrementAndGet();
			if (this.truncated.contains(artifact)) {
				exchange.sendResponseHeaders(200, bytes.length);
				OutputStream body = exchange.getResponseBody();
				body.write(bytes, 0, bytes.length / 2);
				body.flush();
				// Closing short of the announced length drops the connection mid-body.
				throw new IOException("truncated on purpose");
			}
			if (this.corrupted.contains(artifact)) {
				bytes = bytes.clone();
				bytes[bytes.length / 2] ^= 0x5A;
			}
			send(exchange, bytes, false);
		}
	}

	private static void send(HttpExchange exchange, byte[] bytes, boolean head) throws IOException {
		exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
		if (!head) {
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(bytes);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
