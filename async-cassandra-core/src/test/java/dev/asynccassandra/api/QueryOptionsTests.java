package dev.asynccassandra.api;

import java.time.Duration;
import java.util.concurrent.Executor;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueryOptionsTests {

	@Test
	void defaultsOverrideNothing() {
		QueryOptions options = QueryOptions.defaults();
		assertThat(options.timeout()).isNull();
		assertThat(options.consistencyLevel()).isNull();
		assertThat(options.serialConsistencyLevel()).isNull();
		assertThat(options.pageSize()).isNull();
		assertThat(options.idempotent()).isNull();
		assertThat(options.tracing()).isNull();
		assertThat(options.executor()).isNull();
		assertThat(options.statementName()).isNull();
	}

	@Test
	void toBuilderKeepsEveryOption() {
		Executor executor = Runnable::run;
		QueryOptions options = QueryOptions.builder()
			.timeout(Duration.ofSeconds(3))
			.consistencyLevel(DefaultConsistencyLevel.QUORUM)
			.serialConsistencyLevel(DefaultConsistencyLevel.LOCAL_SERIAL)
			.pageSize(50)
			.idempotent(true)
			.tracing(false)
			.executor(executor)
			.statementName("find-user")
			.build();
		QueryOptions copy = options.toBuilder().pageSize(10).build();
		assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(copy.consistencyLevel()).isEqualTo(DefaultConsistencyLevel.QUORUM);
		assertThat(copy.serialConsistencyLevel()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
		assertThat(copy.pageSize()).isEqualTo(10);
		assertThat(copy.idempotent()).isTrue();
		assertThat(copy.tracing()).isFalse();
		assertThat(copy.executor()).isSameAs(executor);
		assertThat(copy.statementName()).isEqualTo("find-user");
		assertThat(options.pageSize()).isEqualTo(50);
	}

	@Test
	void invalidValuesAreRejectedWithTheParameterName() {
		assertThatIllegalArgumentException().isThrownBy(() -> QueryOptions.builder().timeout(Duration.ZERO))
			.withMessageContaining("'timeout'");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryOptions.builder().pageSize(0))
			.withMessageContaining("'pageSize'");
		assertThatIllegalArgumentException().isThrownBy(() -> QueryOptions.builder().statementName(" "))
			.withMessageContaining("'statementName'");
	}

}
