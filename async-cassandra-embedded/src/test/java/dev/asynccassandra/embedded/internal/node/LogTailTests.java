package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTests {

	@TempDir
	Path folder;

	@Test
	void tailKeepsOnlyTheLastLines() throws IOException {
		Path log = this.folder.resolve("system.log");
		Files.writeString(log,
				IntStream.rangeClosed(1, 100).mapToObj((i) -> "line " + i).collect(Collectors.joining("\n")));
		String tail = LogTail.lastLines(log, 40);
		assertThat(tail.lines()).hasSize(40).first().isEqualTo("line 61");
		assertThat(tail.lines()).last().isEqualTo("line 100");
	}

	@Test
	void missingLogIsReportedAsMissing() {
		assertThat(LogTail.lastLines(this.folder.resolve("none.log"), 40)).startsWith("(no file)");
	}

	@Test
	void tailOfNodeNamesBothLogFiles() throws IOException {
		NodeDirectory directory = new NodeDirectory(this.folder);
		Files.createDirectories(directory.logs());
		Files.writeString(directory.systemLog(), "ERROR boom\n");
		String tail = LogTail.of(directory);
		assertThat(tail).contains("system.log").contains("ERROR boom").contains("console.log");
	}

}
