package dev.asynccassandra.api;

import java.time.Duration;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The builder's own rules: where the driver session comes from, and the values it
 * refuses, each named with the value it was given.
 */
class AsyncSessionBuilderTests {

	@Test
	void aDriverSessionAndADriverBuilderExcludeEachOtherAndNothingIsConnected() {
		CqlSession cqlSession = Mockito.mock(CqlSession.class);
		CqlSessionBuilder driverBuilder = Mockito.mock(CqlSessionBuilder.class);
		AsyncSessionBuilder builder = AsyncSession.builder()
			.withCqlSession(cqlSession)
			.withCqlSessionBuilder(driverBuilder);
		assertThatIllegalStateException().isThrownBy(builder::build)
			.withMessageContaining("withCqlSession")
			.withMessageContaining("withCqlSessionBuilder");
		Mockito.verifyNoInteractions(driverBuilder, cqlSession);
	}

	@Test
	void nullSourcesAreNamed() {
		assertThatNullPointerException().isThrownBy(() -> AsyncSession.builder().withCqlSession(null))
			.withMessageContaining("'cqlSession'");
		assertThatNullPointerException().isThrownBy(() -> AsyncSession.builder().withCqlSessionBuilder(null))
			.withMessageContaining("'cqlSessionBuilder'");
	}

	@Test
	void refusedValuesAreNamedWithTheValueGiven() {
		assertThatIllegalArgumentException().isThrownBy(() -> AsyncSession.builder().withDefaultTimeout(Duration.ZERO))
			.withMessage("'defaultTimeout' must be positive, was PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AsyncSession.builder().withDrainTimeout(Duration.ofSeconds(-1)))
			.withMessage("'drainTimeout' must not be negative, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> AsyncSession.builder().withMaxRequestsInFlight(0))
			.withMessage("'maxRequestsInFlight' must be positive, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> AsyncSession.builder().withMaxQueuedRequests(-1))
			.withMessage("'maxQueuedRequests' must not be negative, was -1");
	}

}
