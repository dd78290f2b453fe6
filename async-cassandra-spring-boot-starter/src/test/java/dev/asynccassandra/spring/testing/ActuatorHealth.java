package dev.asynccassandra.spring.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * One health endpoint of a running web application, read over HTTP as a monitor reads it:
 * a single read, or polled (bounded) until it answers a given status code.
 */
public final class ActuatorHealth {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newHttpClient();

	private final URI uri;

	private ActuatorHealth(URI uri) {
		this.uri = uri;
	}

	/**
	 * The endpoint at a path of the application's web server.
	 * @param context the running web application
	 * @param path the path, such as {@code /actuator/health/async-cassandra}
	 * @return the endpoint
	 */
	public static ActuatorHealth of(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new ActuatorHealth(URI.create("http://127.0.0.1:" + port + path));
	}

	/**
	 * Reads the endpoint once.
	 * @return the response
	 * @throws IOException if the request fails
	 * @throws InterruptedException if interrupted while waiting for the answer
	 */
	public HttpResponse<String> get() throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(this.uri).timeout(REQUEST_TIMEOUT).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Reads the endpoint until it answers the status code, within the bound.
	 * @param statusCode the HTTP status code awaited, 200 for UP and 503 for DOWN
	 * @param bound how long it may take
	 * @return the first response with that status code
	 */
	public HttpResponse<String> awaitStatusCode(int statusCode, Duration bound) {
		return await().atMost(bound).until(this::get, (response) -> response.statusCode() == statusCode);
	}

}
