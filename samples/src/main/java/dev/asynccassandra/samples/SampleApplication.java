package dev.asynccassandra.samples;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The async-cassandra sample: a telemetry service (see
 * {@code dev.asynccassandra.samples.telemetry}) on WebFlux. By default the starter's dev
 * mode ({@code async-cassandra.embedded.enabled=true} in {@code application.yaml}) starts
 * a real, embedded Cassandra node; the {@code cluster} profile
 * ({@code --spring.profiles.active=cluster}) connects to a real cluster through
 * {@code spring.cassandra.*} instead.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Runs the sample. As a web application it serves until stopped (Ctrl-C stops the
	 * server gracefully, then the session, then the embedded node); without a web server
	 * ({@code --spring.main.web-application-type=none}) it prints the Cassandra version
	 * and exits.
	 * @param args Spring Boot command line arguments
	 */
	public static void main(String[] args) {
		ConfigurableApplicationContext context = start(args);
		if (!(context instanceof WebServerApplicationContext)) {
			context.close();
		}
	}

	/**
	 * Starts the sample and returns its running context; the caller closes it.
	 * @param args Spring Boot command line arguments
	 * @return the running application context
	 */
	public static ConfigurableApplicationContext start(String... args) {
		return SpringApplication.run(SampleApplication.class, args);
	}

}
