package dev.asynccassandra.spring.it.devapp;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeStateListener;
import dev.asynccassandra.api.AsyncSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.cassandra.autoconfigure.CqlSessionBuilderCustomizer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a user writes it, run as its own process by
 * {@code AsyncCassandraDurableDevModeIT} with dev mode on: it creates its schema if
 * missing, writes one row per {@code POST /items/{id}} through the {@code AsyncSession}
 * (answering 200 once Cassandra acknowledged the write), lists the stored ids at
 * {@code GET /items} and its table's id at {@code GET /schema}. It prints
 * {@value #READY_PREFIX} with its HTTP port and the node's pid once ready, and
 * {@value #SESSION_CLOSED} when the {@code CqlSession} closes.
 */
@SpringBootApplication
public class DurableDevModeApplication {

	/** Printed once the application serves HTTP. */
	public static final String READY_PREFIX = "DEVAPP_READY";

	/**
	 * Starts the line printed for each acknowledged write: the row's id and the time
	 * (epoch millis) the application saw the acknowledgement.
	 */
	public static final String ACK_PREFIX = "DEVAPP_ACK";

	/** Printed when the driver session closes. */
	public static final String SESSION_CLOSED = "DEVAPP_CQL_SESSION_CLOSED";

	public static void main(String[] arguments) {
		SpringApplication.run(DurableDevModeApplication.class, arguments);
	}

	@Bean
	CqlSessionBuilderCustomizer announceSessionClose() {
		return (builder) -> builder.addNodeStateListener(new SessionCloseAnnouncer());
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> announceReady(EmbeddedCassandra node) {
		return (event) -> {
			int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
			System.out.println(READY_PREFIX + " http=" + port + " node=" + node.pid().orElse(-1));
			System.out.flush();
		};
	}

	@RestController
	static class ItemsController {

		private final CqlSession cqlSession;

		private final AsyncSession session;

		private final PreparedStatement insert;

		ItemsController(CqlSession cqlSession, AsyncSession session) {
			this.cqlSession = cqlSession;
			this.session = session;
			cqlSession.execute("CREATE KEYSPACE IF NOT EXISTS devapp WITH replication = "
					+ "{'class': 'SimpleStrategy', 'replication_factor': 1}");
			cqlSession.execute("CREATE TABLE IF NOT EXISTS devapp.items (id uuid PRIMARY KEY, created timestamp)");
			cqlSession.checkSchemaAgreement();
			this.insert = cqlSession.prepare("INSERT INTO devapp.items (id, created) VALUES (?, toTimestamp(now()))");
		}

		@PostMapping("/items/{id}")
		CompletableFuture<ResponseEntity<Void>> write(@PathVariable UUID id) {
			return this.session.execute(this.insert.bind(id)).thenApply((result) -> {
				System.out.println(ACK_PREFIX + " " + id + " " + System.currentTimeMillis());
				return ResponseEntity.ok().build();
			});
		}

		@GetMapping("/items")
		String ids() {
			return StreamSupport.stream(this.cqlSession.execute("SELECT id FROM devapp.items").spliterator(), false)
				.map((row) -> String.valueOf(row.getUuid("id")))
				.collect(Collectors.joining("\n"));
		}

		@GetMapping("/schema")
		String tableId() {
			Row row = this.cqlSession
				.execute("SELECT id FROM system_schema.tables WHERE keyspace_name = 'devapp' AND table_name = 'items'")
				.one();
			return (row != null) ? String.valueOf(row.getUuid("id")) : "none";
		}

	}

	/**
	 * Closed by the driver when the session closes.
	 */
	static final class SessionCloseAnnouncer implements NodeStateListener {

		@Override
		public void onAdd(Node node) {
		}

		@Override
		public void onUp(Node node) {
		}

		@Override
		public void onDown(Node node) {
		}

		@Override
		public void onRemove(Node node) {
		}

		@Override
		public void close() {
			System.out.println(SESSION_CLOSED);
			System.out.flush();
		}

	}

}
