package dev.asynccassandra.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Pools for completing futures: every thread started, a lock-free queue.
 */
class CompletionExecutorsTests {

	@Test
	void poolStartsEveryThreadAndQueuesWithoutALock() throws Exception {
		ExecutorService pool = CompletionExecutors.newFixedPool(3, (task) -> new Thread(task, "completion"));
		try {
			ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;
			assertThat(executor.getPoolSize()).isEqualTo(3);
			assertThat(executor.getQueue()).isInstanceOf(LinkedTransferQueue.class);
			CompletableFuture<String> ran = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), pool);
			assertThat(ran).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("completion");
		}
		finally {
			pool.shutdown();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void fewerThanOneThreadIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionExecutors.newFixedPool(0, Thread::new))
			.withMessage("'threads' must be at least 1, was 0");
	}

	@Test
	void daemonThreadFactoryNumbersDaemonThreadsPerFactory() {
		ThreadFactory factory = CompletionExecutors.daemonThreadFactory("orders-cassandra-");
		Thread first = factory.newThread(() -> {
		});
		Thread second = factory.newThread(() -> {
		});
		Thread other = CompletionExecutors.daemonThreadFactory("orders-cassandra-").newThread(() -> {
		});
		assertThat(first.isDaemon()).isTrue();
		assertThat(second.isDaemon()).isTrue();
		assertThat(first.getName()).isEqualTo("orders-cassandra-1");
		assertThat(second.getName()).isEqualTo("orders-cassandra-2");
		assertThat(other.getName()).isEqualTo("orders-cassandra-1");
	}

	@Test
	void blankThreadNamePrefixIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> CompletionExecutors.daemonThreadFactory(" "))
			.withMessage("'namePrefix' must not be blank");
	}

	@Test
	void directRunsEachTaskAtOnceOnTheCallingThread() {
		Thread caller = Thread.currentThread();
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		CompletionExecutors.direct().execute(() -> ranOn.set(Thread.currentThread()));
		assertThat(ranOn.get()).isSameAs(caller);
		assertThat(CompletionExecutors.direct()).isSameAs(CompletionExecutors.direct())
			.hasToString("CompletionExecutors.direct()");
		assertThatNullPointerException().isThrownBy(() -> CompletionExecutors.direct().execute(null))
			.withMessageContaining("'task'");
	}

}
