package dev.asynccassandra.samples;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal async-cassandra sample: connects to Cassandra and prints the server's
 * version. By default the starter's dev mode
 * ({@code async-cassandra.embedded.enabled=true} in {@code application.yaml}) starts a
 * real, embedded node; to use your own cluster, run with
 * {@code --async-cassandra.embedded.enabled=false} and {@code spring.cassandra.*}.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Runs the sample.
	 * @param args Spring Boot command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args).close();
	}

}
