package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LeftoverNodeTests {

	@TempDir
	Path folder;

	@Test
	void pidFileRoundTrips() {
		NodeDirectory directory = new NodeDirectory(this.folder);
		LeftoverNode.writePid(directory, 4242);
		assertThat(LeftoverNode.readPid(directory.pidFile())).hasValue(4242L);
		LeftoverNode.deletePid(directory, 4242);
		assertThat(directory.pidFile()).doesNotExist();
	}

	@Test
	void pidFileOfANewerNodeIsKept() {
		NodeDirectory directory = new NodeDirectory(this.folder);
		LeftoverNode.writePid(directory, 2);
		LeftoverNode.deletePid(directory, 1);
		assertThat(LeftoverNode.readPid(directory.pidFile())).hasValue(2L);
	}

	@Test
	void garbledPidFileIsIgnored() throws IOException {
		NodeDirectory directory = new NodeDirectory(this.folder);
		Files.writeString(directory.pidFile(), "not a pid");
		assertThat(LeftoverNode.readPid(directory.pidFile())).isEmpty();
		assertThat(LeftoverNode.stopIfRunning(directory, Duration.ofSeconds(1))).isEmpty();
	}

	@Test
	void liveProcessThatIsNotCassandraIsNeverStopped() {
		NodeDirectory directory = new NodeDirectory(this.folder);
		LeftoverNode.writePid(directory, ProcessHandle.current().pid());
		assertThat(LeftoverNode.isNodeOf(ProcessHandle.current(), this.folder)).isFalse();
		assertThat(LeftoverNode.stopIfRunning(directory, Duration.ofSeconds(1))).isEmpty();
		assertThat(ProcessHandle.current().isAlive()).isTrue();
	}

}
