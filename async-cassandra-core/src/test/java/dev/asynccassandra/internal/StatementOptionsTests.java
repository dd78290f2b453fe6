package dev.asynccassandra.internal;

import java.time.Duration;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfig;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * Timeout resolution, and the default profile's timeout read once per refresh instead of
 * once per request.
 */
class StatementOptionsTests {

	private final DriverConfig config = Mockito.mock(DriverConfig.class);

	private final DriverExecutionProfile defaultProfile = Mockito.mock(DriverExecutionProfile.class);

	private final DriverExecutionProfile slowProfile = Mockito.mock(DriverExecutionProfile.class);

	StatementOptionsTests() {
		given(this.config.getDefaultProfile()).willReturn(this.defaultProfile);
		given(this.config.getProfile("slow")).willReturn(this.slowProfile);
		given(this.defaultProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)).willReturn(Duration.ofSeconds(2));
		given(this.slowProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)).willReturn(Duration.ofSeconds(9));
	}

	@Test
	void defaultProfileTimeoutIsReadOnceAndNotPerRequest() {
		StatementOptions options = new StatementOptions(this.config, null);

		for (int i = 0; i < 100; i++) {
			assertThat(options.timeoutFor(null, SimpleStatement.newInstance("SELECT 1")))
				.isEqualTo(Duration.ofSeconds(2));
			assertThat(options.timeoutFor(null)).isEqualTo(Duration.ofSeconds(2));
		}
		Mockito.verify(this.defaultProfile, Mockito.times(1)).getDuration(DefaultDriverOption.REQUEST_TIMEOUT);
	}

	@Test
	void refreshPicksUpAReloadedConfiguration() {
		StatementOptions options = new StatementOptions(this.config, null);
		given(this.defaultProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT)).willReturn(Duration.ofSeconds(5));

		options.refreshDefaultProfileTimeout();

		assertThat(options.timeoutFor(null, SimpleStatement.newInstance("SELECT 1"))).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.timeoutFor(null)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void refreshKeepsTheLastTimeoutWhenTheConfigurationCannotBeRead() {
		StatementOptions options = new StatementOptions(this.config, null);
		given(this.defaultProfile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT))
			.willThrow(new IllegalStateException("broken configuration"));

		options.refreshDefaultProfileTimeout();

		assertThat(options.timeoutFor(null)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void perCallStatementSessionAndNamedProfileTimeoutsComeFirst() {
		StatementOptions options = new StatementOptions(this.config, null);
		SimpleStatement statement = SimpleStatement.newInstance("SELECT 1");

		assertThat(options.timeoutFor(Duration.ofMillis(300), statement)).isEqualTo(Duration.ofMillis(300));
		assertThat(options.timeoutFor(null, statement.setTimeout(Duration.ofSeconds(4))))
			.isEqualTo(Duration.ofSeconds(4));
		assertThat(options.timeoutFor(null, statement.setExecutionProfileName("slow")))
			.isEqualTo(Duration.ofSeconds(9));
		assertThat(new StatementOptions(this.config, Duration.ofSeconds(7)).timeoutFor(null, statement))
			.isEqualTo(Duration.ofSeconds(7));
	}

}
