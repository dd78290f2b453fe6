package dev.asynccassandra.samples;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal async-cassandra sample: connects to Cassandra (an embedded, real node unless
 * {@code spring.cassandra.contact-points} is set) and prints the server's version.
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
