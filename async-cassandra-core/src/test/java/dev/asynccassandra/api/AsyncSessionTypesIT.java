package dev.asynccassandra.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.data.CqlDuration;
import com.datastax.oss.driver.api.core.data.CqlVector;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.codec.CodecNotFoundException;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.asynccassandra.embedded.api.junit.EmbeddedCassandraTest;
import dev.asynccassandra.embedded.api.junit.EmbeddedKeyspace;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every CQL type but counters (covered by {@link AsyncSessionIT}, in and outside a batch)
 * round-trips through the session against a real node, with positional, named and
 * prepared values; TTL, lightweight transactions (also inside a batch) and bad input.
 */
@EmbeddedCassandraTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncSessionTypesIT {

	private static final long WAIT_SECONDS = 30;

	/** Bound in every bad input; must never show up in an error. */
	private static final String SECRET = "Sup3rSecret-BoundValue-7731";

	private AsyncSession session;

	private List<Column> columns;

	private String insertCql;

	@BeforeAll
	void createSchema(CqlSession cqlSession, EmbeddedKeyspace keyspace) throws Exception {
		this.session = AsyncSession.builder().withCqlSession(cqlSession).withCloseCqlSession(false).build();
		await(this.session.execute("CREATE TYPE IF NOT EXISTS address (street text, zip int, tags frozen<set<text>>)"));
		await(this.session.execute("CREATE TABLE IF NOT EXISTS all_types (k int PRIMARY KEY, t text, a ascii, "
				+ "vc varchar, i int, bi bigint, si smallint, ti tinyint, vi varint, dec decimal, f float, "
				+ "d double, b boolean, u uuid, tu timeuuid, ts timestamp, dt date, tm time, dur duration, "
				+ "ip inet, bl blob, l list<text>, s set<int>, m map<text, bigint>, tup tuple<int, text, date>, "
				+ "addr address, faddr frozen<address>, fl frozen<list<int>>, fs frozen<set<text>>, "
				+ "fm frozen<map<int, text>>, nested list<frozen<map<text, int>>>, vec vector<float, 3>)"));
		cqlSession.checkSchemaAgreement();
		UserDefinedType address = cqlSession.getMetadata()
			.getKeyspace(keyspace.name())
			.flatMap((metadata) -> metadata.getUserDefinedType("address"))
			.orElseThrow(() -> new AssertionError("address type not in the metadata"));
		this.columns = columns(address);
		this.insertCql = "INSERT INTO all_types (k, "
				+ this.columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES (?, "
				+ this.columns.stream().map((column) -> "?").collect(Collectors.joining(", ")) + ")";
	}

	@AfterAll
	void closeSession() throws Exception {
		this.session.closeAsync().get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * A column, the value written to it, and the value read back (the driver's default
	 * Java type for the CQL type).
	 */
	record Column(String name, Object value) {

	}

	private static List<Column> columns(UserDefinedType address) throws Exception {
		TupleValue tuple = DataTypes.tupleOf(DataTypes.INT, DataTypes.TEXT, DataTypes.DATE)
			.newValue(7, "seven", LocalDate.of(2024, 2, 29));
		UdtValue home = address.newValue("1 Main Street", 75001, Set.of("home", "primary"));
		UdtValue work = address.newValue("2 Side Street", null, Set.of());
		return List.of(new Column("t", "text – ünïcödé ✓"), new Column("a", "plain ascii"), new Column("vc", "varchar"),
				new Column("i", Integer.MIN_VALUE), new Column("bi", Long.MAX_VALUE), new Column("si", (short) -12345),
				new Column("ti", (byte) -7), new Column("vi", new BigInteger("123456789012345678901234567890")),
				new Column("dec", new BigDecimal("-12345.678900")), new Column("f", 3.25f), new Column("d", Math.PI),
				new Column("b", true), new Column("u", UUID.randomUUID()), new Column("tu", Uuids.timeBased()),
				new Column("ts", Instant.ofEpochMilli(1_700_000_000_123L)), new Column("dt", LocalDate.of(1969, 7, 20)),
				new Column("tm", LocalTime.of(23, 59, 58, 123_456_789)),
				new Column("dur", CqlDuration.from("1y2mo3w4d5h6m7s8ms9us10ns")),
				new Column("ip", InetAddress.getByName("2001:db8::1")),
				new Column("bl", ByteBuffer.wrap(new byte[] { 0, 1, 2, (byte) 0xFF })),
				new Column("l", List.of("b", "a", "b")), new Column("s", Set.of(3, 1, 2)),
				new Column("m", Map.of("one", 1L, "two", 2L)), new Column("tup", tuple), new Column("addr", home),
				new Column("faddr", work), new Column("fl", List.of(3, 2, 1)), new Column("fs", Set.of("x", "y")),
				new Column("fm", Map.of(1, "one", 2, "two")),
				new Column("nested", List.of(Map.of("a", 1), Map.of("b", 2, "c", 3))),
				new Column("vec", CqlVector.newInstance(1.5f, -2.25f, 0.0f)));
	}

	@Test
	void everyTypeRoundTripsWithPositionalValues() throws Exception {
		List<Object> values = new ArrayList<>();
		values.add(1);
		this.columns.forEach((column) -> values.add(column.value()));
		await(this.session.execute(this.insertCql, values.toArray()));
		assertRoundTrip(1);
	}

	@Test
	void everyTypeRoundTripsWithNamedValues() throws Exception {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("k", 2);
		this.columns.forEach((column) -> values.put(column.name(), column.value()));
		String cql = "INSERT INTO all_types (" + String.join(", ", values.keySet()) + ") VALUES ("
				+ values.keySet().stream().map((name) -> ":" + name).collect(Collectors.joining(", ")) + ")";
		await(this.session.execute(cql, values));
		assertRoundTrip(2);
	}

	@Test
	void everyTypeRoundTripsThroughAPreparedStatement() throws Exception {
		PreparedStatement insert = await(this.session.prepare(this.insertCql));
		List<Object> values = new ArrayList<>();
		values.add(3);
		this.columns.forEach((column) -> values.add(column.value()));
		await(this.session.execute(insert.bind(values.toArray())));
		assertRoundTrip(3);
	}

	@Test
	void nullsRoundTripInEveryColumn() throws Exception {
		List<Object> values = new ArrayList<>();
		values.add(4);
		this.columns.forEach((column) -> values.add(null));
		PreparedStatement insert = await(this.session.prepare(this.insertCql));
		await(this.session.execute(insert.bind(values.toArray())));
		Row row = await(this.session.execute("SELECT * FROM all_types WHERE k = ?", 4)).one();
		assertThat(row).isNotNull();
		for (Column column : this.columns) {
			assertThat(row.isNull(column.name())).as(column.name()).isTrue();
		}
	}

	private void assertRoundTrip(int key) throws Exception {
		Row row = await(this.session.execute("SELECT * FROM all_types WHERE k = ?", key)).one();
		assertThat(row).isNotNull();
		for (Column column : this.columns) {
			assertThat(row.getObject(column.name())).as(column.name()).isEqualTo(column.value());
		}
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void ttlIsHonoured() throws Exception {
		await(this.session.execute("INSERT INTO all_types (k, t) VALUES (?, ?) USING TTL 3600", 10, "ten"));
		Row row = await(this.session.execute("SELECT TTL(t) FROM all_types WHERE k = ?", 10)).one();
		assertThat(row).isNotNull();
		assertThat(row.getInt(0)).isBetween(3000, 3600);
		await(this.session.execute("INSERT INTO all_types (k, t) VALUES (:k, :t) USING TTL :ttl",
				Map.of("k", 11, "t", "eleven", "ttl", 1)));
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> await(this.session.execute("SELECT t FROM all_types WHERE k = ?", 11)).one() == null);
	}

	@Test
	void lightweightTransactionsReportWhetherTheyWereApplied() throws Exception {
		String insert = "INSERT INTO all_types (k, t) VALUES (?, ?) IF NOT EXISTS";
		assertThat(await(this.session.execute(insert, 20, "first")).wasApplied()).isTrue();
		AsyncResult notApplied = await(this.session.execute(insert, 20, "second"));
		assertThat(notApplied.wasApplied()).isFalse();
		Row current = notApplied.one();
		assertThat(current).isNotNull();
		assertThat(current.getString("t")).isEqualTo("first");
		String update = "UPDATE all_types SET t = :t WHERE k = :k IF t = :expected";
		assertThat(await(this.session.execute(update, Map.of("k", 20, "t", "third", "expected", "wrong"))).wasApplied())
			.isFalse();
		assertThat(await(this.session.execute(update, Map.of("k", 20, "t", "third", "expected", "first"))).wasApplied())
			.isTrue();
		assertThat(text(20)).isEqualTo("third");
	}

	@Test
	void aConditionalBatchThatIsNotAppliedChangesNothing() throws Exception {
		await(this.session.execute("INSERT INTO all_types (k, t, i) VALUES (?, ?, ?)", 30, "kept", 1));
		PreparedStatement insertIfAbsent = await(
				this.session.prepare("INSERT INTO all_types (k, t) VALUES (?, ?) IF NOT EXISTS"));
		PreparedStatement setInt = await(this.session.prepare("UPDATE all_types SET i = ? WHERE k = ?"));
		List<BatchableStatement<?>> notApplied = List.of(insertIfAbsent.bind(30, "replaced"), setInt.bind(2, 30));
		AsyncResult result = await(this.session.executeBatch(DefaultBatchType.LOGGED, notApplied));
		assertThat(result.wasApplied()).isFalse();
		Row row = await(this.session.execute("SELECT t, i FROM all_types WHERE k = ?", 30)).one();
		assertThat(row).isNotNull();
		assertThat(row.getString("t")).isEqualTo("kept");
		assertThat(row.getInt("i")).isEqualTo(1);
		List<BatchableStatement<?>> applied = List.of(insertIfAbsent.bind(31, "new"), setInt.bind(5, 31));
		assertThat(await(this.session.executeBatch(DefaultBatchType.LOGGED, applied)).wasApplied()).isTrue();
		assertThat(text(31)).isEqualTo("new");
		assertThat(this.session.inFlightCount()).isZero();
	}

	@Test
	void aBoundValueOfTheWrongTypeNamesTheProblemWithoutTheValue() throws Exception {
		Throwable failure = failure(this.session.execute("INSERT INTO all_types (k, i) VALUES (?, ?)", 40, SECRET));
		assertThat(failure).isInstanceOf(InvalidQueryException.class);
		assertThat(failure.getMessage()).containsIgnoringCase("int");
		assertSecretAbsent(failure);
		PreparedStatement insert = await(this.session.prepare("INSERT INTO all_types (k, i) VALUES (?, ?)"));
		assertThatThrownBy(() -> insert.bind(40, SECRET)).isInstanceOf(CodecNotFoundException.class)
			.satisfies(AsyncSessionTypesIT::assertSecretAbsent);
		assertUsable();
	}

	@Test
	void aValueWithoutACodecNamesTheProblemWithoutTheValue() throws Exception {
		Object secret = new Object() {
			@Override
			public String toString() {
				return SECRET;
			}
		};
		Throwable failure = failure(this.session.execute("INSERT INTO all_types (k, t) VALUES (?, ?)", 41, secret));
		assertThat(failure).isInstanceOf(CodecNotFoundException.class);
		assertThat(failure.getMessage()).contains("Codec not found");
		assertSecretAbsent(failure);
		assertUsable();
	}

	@Test
	void theWrongNumberOfValuesNamesTheProblemWithoutTheValues() throws Exception {
		Throwable tooFew = failure(
				this.session.execute("INSERT INTO all_types (k, t, a) VALUES (?, ?, ?)", 42, SECRET));
		assertThat(tooFew).isInstanceOf(InvalidQueryException.class);
		assertThat(tooFew.getMessage()).contains("bind variables");
		assertSecretAbsent(tooFew);
		Throwable tooMany = failure(
				this.session.execute("INSERT INTO all_types (k, t) VALUES (?, ?)", 43, SECRET, SECRET + "-extra"));
		assertThat(tooMany).isInstanceOf(InvalidQueryException.class);
		assertThat(tooMany.getMessage()).contains("bind variables");
		assertSecretAbsent(tooMany);
		assertUsable();
	}

	@Test
	void aMissingNamedValueNamesTheProblemWithoutTheValues() throws Exception {
		String cql = "INSERT INTO all_types (k, t, a) VALUES (:k, :t, :a)";
		Throwable missing = failure(this.session.execute(cql, Map.of("k", 45, "t", SECRET)));
		assertThat(missing).isInstanceOf(InvalidQueryException.class);
		assertThat(missing.getMessage()).contains("bind variables");
		assertSecretAbsent(missing);
		assertUsable();
	}

	@Test
	void anUnknownNamedValueOnAPreparedStatementNamesTheProblemWithoutTheValue() throws Exception {
		PreparedStatement insert = await(this.session.prepare("INSERT INTO all_types (k, t) VALUES (:k, :t)"));
		assertThatThrownBy(() -> insert.boundStatementBuilder().setInt("k", 46).setString("bogus_name", SECRET))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("bogus_name")
			.satisfies(AsyncSessionTypesIT::assertSecretAbsent);
		assertUsable();
	}

	/**
	 * Pins the server's behaviour: Cassandra ignores a named value that matches no marker
	 * of an unprepared statement, so such a typo is silent; prepare the statement to have
	 * unknown names rejected.
	 */
	@Test
	void anUnknownNamedValueOnAnUnpreparedStatementIsIgnoredByTheServer() throws Exception {
		String cql = "INSERT INTO all_types (k, t) VALUES (:k, :t)";
		await(this.session.execute(cql, Map.of("k", 47, "t", "written", "bogus_name", SECRET)));
		assertThat(text(47)).isEqualTo("written");
	}

	private static void assertSecretAbsent(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(SECRET);
			assertThat(current.toString()).doesNotContain(SECRET);
			for (Throwable suppressed : current.getSuppressed()) {
				assertSecretAbsent(suppressed);
			}
			if (current.getCause() == current) {
				break;
			}
		}
	}

	private String text(int key) throws Exception {
		Row row = await(this.session.execute("SELECT t FROM all_types WHERE k = ?", key)).one();
		assertThat(row).isNotNull();
		return row.getString("t");
	}

	private void assertUsable() throws Exception {
		await(this.session.execute("INSERT INTO all_types (k, t) VALUES (?, ?)", 99, "usable"));
		assertThat(text(99)).isEqualTo("usable");
		assertThat(this.session.inFlightCount()).isZero();
	}

	private static <T> T await(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
	}

	private static Throwable failure(CompletableFuture<?> future) throws Exception {
		Throwable failure = future.handle((result, error) -> error).get(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(failure).as("failure").isNotNull();
		return failure;
	}

}
