package dev.asynccassandra.embedded.api;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmbeddedCassandraMainTests {

	@Test
	void noArgumentsMeanADurableNodeWithTheDefaults() {
		EmbeddedCassandraConfig config = EmbeddedCassandraMain.parse(new String[0]);
		assertThat(config).isNotNull();
		assertThat(config.kind()).isEqualTo(NodeKind.DURABLE);
		assertThat(config.address().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(config.nativePort()).isEqualTo(9042);
	}

	@Test
	void argumentsSetAddressPortsFolderAndKind() {
		EmbeddedCassandraConfig config = EmbeddedCassandraMain.parse(new String[] { "--address=127.0.0.2",
				"--native-port=9142", "--storage-port=0", "--data-directory=/tmp/dev-node", "--kind=ephemeral" });
		assertThat(config).isNotNull();
		assertThat(config.address().getHostAddress()).isEqualTo("127.0.0.2");
		assertThat(config.nativePort()).isEqualTo(9142);
		assertThat(config.storagePort()).isZero();
		assertThat(config.dataDirectory()).isEqualTo(Path.of("/tmp/dev-node"));
		assertThat(config.kind()).isEqualTo(NodeKind.EPHEMERAL);
	}

	@Test
	void helpReturnsNoConfiguration() {
		assertThat(EmbeddedCassandraMain.parse(new String[] { "--help" })).isNull();
	}

	@Test
	void badArgumentsAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedCassandraMain.parse(new String[] { "9042" }))
			.withMessage("Unknown argument '9042': use --name=value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraMain.parse(new String[] { "--port=9042" }))
			.withMessage("Unknown option '--port'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraMain.parse(new String[] { "--native-port=abc" }))
			.withMessage("--native-port must be a number from 0 to 65535, not 'abc'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraMain.parse(new String[] { "--native-port=70000" }))
			.withMessageContaining("70000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraMain.parse(new String[] { "--kind=forever" }))
			.withMessage("--kind must be durable or ephemeral, not 'forever'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddedCassandraMain.parse(new String[] { "--address=localhost" }))
			.withMessageContaining("localhost");
	}

}
