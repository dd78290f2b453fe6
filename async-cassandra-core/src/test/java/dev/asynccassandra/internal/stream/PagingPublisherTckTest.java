package dev.asynccassandra.internal.stream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import dev.asynccassandra.api.stream.StreamOptions;
import dev.asynccassandra.internal.context.ContextCapture;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (TestNG, run on the JUnit Platform by testng-engine) over the
 * paging engine, with pages of 7 rows completing on another thread as the session's do,
 * and over the failed publisher the session returns when it cannot admit a stream.
 */
public class PagingPublisherTckTest extends FlowPublisherVerification<Long> {

	private static final int PAGE_SIZE = 7;

	private ExecutorService signalExecutor;

	private ExecutorService completionExecutor;

	public PagingPublisherTckTest() {
		super(new TestEnvironment(2000, 200));
	}

	@BeforeClass
	public void startExecutors() {
		this.signalExecutor = Executors.newFixedThreadPool(2);
		this.completionExecutor = Executors.newFixedThreadPool(2);
	}

	@AfterClass
	public void stopExecutors() {
		this.signalExecutor.shutdownNow();
		this.completionExecutor.shutdownNow();
	}

	@Override
	public Flow.Publisher<Long> createFlowPublisher(long elements) {
		FakeFetcher fetcher = FakeFetcher.async(elements, PAGE_SIZE, this.completionExecutor);
		return new PagingPublisher<>(fetcher, FakeRows::value, StreamOptions.defaults(), this.signalExecutor, () -> {
		}, ContextCapture.NONE);
	}

	@Override
	public Flow.Publisher<Long> createFailedFlowPublisher() {
		return new FailedPublisher<>(new DriverTimeoutException("Query timed out"), this.signalExecutor);
	}

}
