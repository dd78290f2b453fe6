package dev.asynccassandra.spring.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.api.error.SessionClosedException;
import dev.asynccassandra.spring.lifecycle.AsyncSessionLifecycle;
import dev.asynccassandra.spring.testing.PhasedStop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R11: HTTP requests admitted before the application stops all complete, because the
 * session closes only after the web server's graceful shutdown. The requests are held
 * until the context starts closing, then run their query while the server drains. Queries
 * still in flight when the session's lifecycle stops (submitted by a component that stops
 * just before it, like a write-behind buffer flushing on stop) are drained, not
 * cancelled. The lifecycle closes the session exactly once, gracefully; its close
 * completes only after all those queries, and a query submitted once admission has
 * stopped fails with {@link SessionClosedException}.
 */
class AsyncCassandraGracefulShutdownIT {

	private static final Duration BOUND = Duration.ofSeconds(60);

	private static final int REQUESTS = 20;

	private static final int FLUSHED = 50;

	private static final Path DATA = Path.of("target", "embedded-cassandra", "graceful-shutdown-it").toAbsolutePath();

	@Test
	void httpRequestsInFlightWhenTheContextClosesShouldAllComplete() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(Map.of("server.port", "0", "server.shutdown", "graceful", "async-cassandra.embedded.enabled",
					"true", "async-cassandra.embedded.native-port", "0", "async-cassandra.embedded.storage-port", "0",
					"async-cassandra.embedded.data-directory", DATA.toString(), "async-cassandra.embedded.clean-start",
					"true", "spring.cassandra.request.timeout", "20s", "spring.cassandra.connection.init-query-timeout",
					"20s"))
			.run();
		Gate gate = context.getBean(Gate.class);
		FinalFlush flush = context.getBean(FinalFlush.class);
		CloseObserver observer = context.getBean(CloseObserver.class);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient client = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			responses.add(client.sendAsync(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version")).timeout(BOUND).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		assertThat(gate.arrived.await(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
		context.close();
		assertThat(CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new))).succeedsWithin(BOUND);
		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.join().statusCode()).isEqualTo(200);
			assertThat(response.join().body()).startsWith("5.0.");
		});
		assertThat(flush.queries).as("queries submitted by the final flush").hasSize(FLUSHED);
		assertThat(CompletableFuture.allOf(flush.queries.toArray(CompletableFuture[]::new)))
			.as("queries in flight when the session's lifecycle stopped")
			.succeedsWithin(BOUND);
		assertThat(flush.queries).allSatisfy((query) -> assertThat(query.join()).startsWith("5.0."));
		assertThat(gate.completedQueries.get()).isEqualTo(REQUESTS + FLUSHED);
		assertThat(observer.closeCalls).as("close calls on the AsyncSession").containsExactly("closeAsync");
		assertThat(observer.completedWhenClosed.get()).succeedsWithin(BOUND)
			.as("queries completed when the session's close completed")
			.isEqualTo(REQUESTS + FLUSHED);
		assertThat(observer.submittedAfterAdmissionStopped.get()).failsWithin(BOUND)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(SessionClosedException.class);
		assertThat(ProcessHandle.allProcesses()
			.filter((process) -> process.info()
				.commandLine()
				.filter((line) -> line.contains("-Dcassandra.config=") && line.contains(DATA.toString()))
				.isPresent())
			.toList()).as("Cassandra JVMs left running after the context closed").isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

		@Bean
		Gate gate() {
			return new Gate();
		}

		@Bean
		FinalFlush finalFlush(AsyncSession session, Gate gate) {
			return new FinalFlush(session, gate);
		}

		@Bean
		PhasedStop finalFlushStop(FinalFlush finalFlush) {
			return new PhasedStop(AsyncSessionLifecycle.PHASE + 1, finalFlush::flush);
		}

		@Bean
		static CloseObserver closeObserver() {
			return new CloseObserver();
		}

		@Bean
		VersionController versionController(AsyncSession session, Gate gate) {
			return new VersionController(session, gate);
		}

	}

	/**
	 * Holds requests until the context starts closing.
	 */
	static final class Gate implements ApplicationListener<ContextClosedEvent> {

		final CountDownLatch arrived = new CountDownLatch(REQUESTS);

		final CountDownLatch open = new CountDownLatch(1);

		final AtomicInteger completedQueries = new AtomicInteger();

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			this.open.countDown();
		}

	}

	/**
	 * The last queries, submitted when the phase right before the session's lifecycle
	 * stops, after the web server: they are in flight when the session starts closing.
	 */
	static final class FinalFlush {

		final List<CompletableFuture<String>> queries = new CopyOnWriteArrayList<>();

		private final AsyncSession session;

		private final Gate gate;

		FinalFlush(AsyncSession session, Gate gate) {
			this.session = session;
			this.gate = gate;
		}

		void flush() {
			for (int i = 0; i < FLUSHED; i++) {
				this.queries
					.add(this.session.execute("SELECT release_version FROM system.local").thenApply((result) -> {
						Row row = result.currentPage().iterator().next();
						this.gate.completedQueries.incrementAndGet();
						return row.getString("release_version");
					}));
			}
		}

	}

	/**
	 * Wraps the {@link AsyncSession} bean to observe its close: which close methods are
	 * called, how many queries had completed when the close completed, and what a query
	 * submitted right after the close call gets.
	 */
	static final class CloseObserver implements BeanPostProcessor {

		final List<String> closeCalls = new CopyOnWriteArrayList<>();

		final AtomicReference<CompletableFuture<Integer>> completedWhenClosed = new AtomicReference<>();

		final AtomicReference<CompletableFuture<?>> submittedAfterAdmissionStopped = new AtomicReference<>();

		private final AtomicReference<Gate> gate = new AtomicReference<>();

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof Gate created) {
				this.gate.set(created);
			}
			if (!(bean instanceof AsyncSession session)) {
				return bean;
			}
			return java.lang.reflect.Proxy.newProxyInstance(AsyncSession.class.getClassLoader(),
					new Class<?>[] { AsyncSession.class }, (proxy, method, args) -> {
						if (!method.getName().equals("closeAsync") && !method.getName().equals("forceCloseAsync")) {
							return invoke(session, method, args);
						}
						this.closeCalls.add(method.getName());
						CompletableFuture<?> closed = (CompletableFuture<?>) invoke(session, method, args);
						this.submittedAfterAdmissionStopped.compareAndSet(null,
								session.execute("SELECT release_version FROM system.local"));
						this.completedWhenClosed.compareAndSet(null,
								closed.thenApply((ignored) -> this.gate.get().completedQueries.get()));
						return closed;
					});
		}

		private static Object invoke(AsyncSession session, java.lang.reflect.Method method, Object[] args)
				throws Throwable {
			try {
				return method.invoke(session, args);
			}
			catch (java.lang.reflect.InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

	@RestController
	static final class VersionController {

		private final AsyncSession session;

		private final Gate gate;

		VersionController(AsyncSession session, Gate gate) {
			this.session = session;
			this.gate = gate;
		}

		@GetMapping("/version")
		CompletableFuture<String> version() throws InterruptedException {
			this.gate.arrived.countDown();
			if (!this.gate.open.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("The context did not start closing");
			}
			return this.session.execute("SELECT release_version FROM system.local").thenApply((result) -> {
				Row row = result.currentPage().iterator().next();
				this.gate.completedQueries.incrementAndGet();
				return row.getString("release_version");
			});
		}

	}

}
