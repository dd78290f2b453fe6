package dev.asynccassandra.samples;

import java.nio.file.Path;

import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample's {@code main} as a user would, against the embedded Cassandra it
 * starts itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationIT {

	@Test
	void mainConnectsToEmbeddedCassandraAndPrintsItsVersion(CapturedOutput output) {
		SampleApplication.main(new String[] { "--spring.main.web-application-type=none",
				"--async-cassandra.embedded.native-port=0", "--async-cassandra.embedded.storage-port=0" });

		assertThat(output.getOut()).contains("Connected to Apache Cassandra 5.0.");
		assertThat(EmbeddedCassandra.processesUnder(Path.of("target", "embedded-cassandra").toAbsolutePath()))
			.as("Cassandra JVMs left running after main() returned")
			.isEmpty();
	}

}
