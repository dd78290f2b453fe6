package dev.asynccassandra.benchmarks;

/**
 * The operations measured; every contender runs the same prepared statement with the same
 * bound values and consumes every returned row.
 */
public enum Work {

	/** Prepared single-row read. */
	READ("SELECT v FROM bench.kv WHERE k = ? AND c = ?"),

	/** Prepared single-row write. */
	WRITE("INSERT INTO bench.kv (k, c, v) VALUES (?, ?, ?)"),

	/** Prepared read of one 10-row page. */
	PAGE10("SELECT c, v FROM bench.kv WHERE k = ? LIMIT 10");

	private final String cql;

	Work(String cql) {
		this.cql = cql;
	}

	/**
	 * The CQL text of this work.
	 * @return the CQL
	 */
	public String cql() {
		return this.cql;
	}

}
