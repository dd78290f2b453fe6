package dev.asynccassandra.api.stream;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamOptionsTests {

	@Test
	void defaultsMatchTheDocumentedConstants() {
		StreamOptions options = StreamOptions.defaults();
		assertThat(options.prefetchPages()).isEqualTo(StreamOptions.DEFAULT_PREFETCH_PAGES).isEqualTo(2);
		assertThat(options.pageSize()).isEqualTo(StreamOptions.DEFAULT_PAGE_SIZE);
		assertThat(options.maxPages()).isEqualTo(StreamOptions.UNLIMITED);
		assertThat(options.maxRows()).isEqualTo(StreamOptions.UNLIMITED);
		assertThat(options.pageTimeout()).isNull();
		assertThat(options.progressListener()).isNull();
		assertThat(options.startingPagingState()).isNull();
		assertThat(options.statementName()).isNull();
	}

	@Test
	void builderSetsEveryOptionAndToBuilderKeepsThem() {
		StreamProgressListener listener = (progress) -> {
		};
		StreamOptions options = StreamOptions.builder()
			.prefetchPages(4)
			.pageSize(500)
			.maxPages(10)
			.maxRows(1000)
			.pageTimeout(Duration.ofSeconds(3))
			.progressListener(listener)
			.startingPagingState(ByteBuffer.wrap(new byte[] { 1, 2, 3 }))
			.statementName("list-users")
			.build();
		StreamOptions copy = options.toBuilder().build();
		assertThat(copy.prefetchPages()).isEqualTo(4);
		assertThat(copy.pageSize()).isEqualTo(500);
		assertThat(copy.maxPages()).isEqualTo(10);
		assertThat(copy.maxRows()).isEqualTo(1000);
		assertThat(copy.pageTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(copy.progressListener()).isSameAs(listener);
		assertThat(copy.startingPagingState()).isEqualTo(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
		assertThat(copy.statementName()).isEqualTo("list-users");
	}

	@Test
	void startingPagingStateIsCopiedAndReadOnly() {
		byte[] bytes = { 1, 2, 3 };
		StreamOptions options = StreamOptions.builder().startingPagingState(ByteBuffer.wrap(bytes)).build();
		bytes[0] = 9;
		ByteBuffer state = options.startingPagingState();
		assertThat(state.isReadOnly()).isTrue();
		assertThat(state.get(0)).isEqualTo((byte) 1);
		state.get();
		assertThat(options.startingPagingState().remaining()).isEqualTo(3);
	}

	@Test
	void invalidValuesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> StreamOptions.builder().prefetchPages(0));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamOptions.builder().pageSize(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamOptions.builder().maxPages(0));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamOptions.builder().maxRows(0));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamOptions.builder().pageTimeout(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> StreamOptions.builder().statementName(" "))
			.withMessageContaining("statementName");
	}

	@Test
	void progressKeepsAReadOnlyPagingState() {
		StreamProgress progress = new StreamProgress(1, 10, 10, ByteBuffer.wrap(new byte[] { 1 }), null);
		assertThat(progress.pagingState().isReadOnly()).isTrue();
		assertThat(progress.hasMorePages()).isTrue();
		assertThat(new StreamProgress(2, 5, 15, null, null).hasMorePages()).isFalse();
	}

}
