package dev.asynccassandra.internal.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.event.QueryEvent;
import dev.asynccassandra.api.event.QueryEvent.OperationKind;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.event.QueueingQueryEventPublisher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statement name of a row stream's options reaches the query events of its pages,
 * like the one of {@code QueryOptions} reaches the events of a request.
 */
class StreamStatementNameTests {

	@Test
	void theStreamsStatementNameIsReportedInTheEventsOfItsPages() throws Exception {
		assertThat(streamEvents(StreamOptions.builder().statementName("list-users").build()))
			.allSatisfy((event) -> assertThat(event.statementName()).isEqualTo("list-users"));
	}

	@Test
	void aStreamWithoutStatementNameReportsNone() throws Exception {
		assertThat(streamEvents(StreamOptions.defaults()))
			.allSatisfy((event) -> assertThat(event.statementName()).isNull());
	}

	private List<QueryEvent> streamEvents(StreamOptions options) throws Exception {
		try (MockDriver driver = new MockDriver().autoComplete()) {
			List<QueryEvent> events = new CopyOnWriteArrayList<>();
			QueueingQueryEventPublisher publisher = QueueingQueryEventPublisher.start(List.of(events::add));
			DefaultAsyncSession session = new DefaultAsyncSession(driver.cqlSession, MockDriver.settings(), publisher,
					List.of(publisher));
			CountDownLatch completed = new CountDownLatch(1);
			session.stream(options, "SELECT k FROM t").subscribe(new Flow.Subscriber<Row>() {

				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					subscription.request(Long.MAX_VALUE);
				}

				@Override
				public void onNext(Row item) {
				}

				@Override
				public void onError(Throwable throwable) {
					completed.countDown();
				}

				@Override
				public void onComplete() {
					completed.countDown();
				}

			});
			assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
			session.closeAsync().get(5, TimeUnit.SECONDS);
			assertThat(events).isNotEmpty()
				.allSatisfy((event) -> assertThat(event.operation()).isEqualTo(OperationKind.STREAM));
			return events;
		}
	}

}
