package dev.asynccassandra.embedded.api.junit;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.asynccassandra.embedded.api.EmbeddedCassandra;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension (JUnit 6, as managed by Spring Boot 4) giving test classes a
 * real Cassandra node; usually applied through {@link EmbeddedCassandraTest}.
 * <ul>
 * <li>One node per test JVM, started once on first use on free ports with its data under
 * {@code target/embedded-cassandra/junit-<pid>}, and stopped when the JVM's tests end
 * (and, failing that, by a JVM shutdown hook).</li>
 * <li>Per test class (and per {@code @Nested} class) a fresh keyspace named after the
 * class ({@code SimpleStrategy}, replication factor 1), dropped after the class.</li>
 * <li>Resolves parameters of type {@link EmbeddedCassandra}, {@link CqlSession}
 * (connected with the keyspace set, closed after the class; schema debouncing shortened
 * to 10 ms, 10 s request timeout) and {@link EmbeddedKeyspace}.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class EmbeddedCassandraExtension implements BeforeAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(EmbeddedCassandraExtension.class);

	/**
	 * Creates the extension; JUnit does this.
	 */
	public EmbeddedCassandraExtension() {
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		classKeyspace(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == EmbeddedCassandra.class || type == CqlSession.class || type == EmbeddedKeyspace.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		if (type == EmbeddedCassandra.class) {
			return sharedNode(extensionContext).cassandra();
		}
		ClassKeyspace keyspace = classKeyspace(extensionContext);
		return (type == CqlSession.class) ? keyspace.session() : new EmbeddedKeyspace(keyspace.name());
	}

	private static SharedNode sharedNode(ExtensionContext context) {
		Store store = context.getRoot().getStore(NAMESPACE);
		return store.computeIfAbsent(SharedNode.class, (key) -> SharedNode.start(), SharedNode.class);
	}

	private static ClassKeyspace classKeyspace(ExtensionContext context) {
		ExtensionContext classContext = classContext(context);
		Class<?> testClass = classContext.getRequiredTestClass();
		SharedNode node = sharedNode(context);
		return classContext.getStore(NAMESPACE)
			.computeIfAbsent(ClassKeyspace.class, (key) -> ClassKeyspace.create(node.cassandra(), testClass),
					ClassKeyspace.class);
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
