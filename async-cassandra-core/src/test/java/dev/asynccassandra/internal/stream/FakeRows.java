package dev.asynccassandra.internal.stream;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Rows for tests: a {@link Row} that only answers {@code getLong(0)} with its value.
 */
final class FakeRows {

	private FakeRows() {
	}

	static Row row(long value) {
		return (Row) Proxy.newProxyInstance(Row.class.getClassLoader(), new Class<?>[] { Row.class },
				new RowHandler(value));
	}

	static Long value(Row row) {
		return row.getLong(0);
	}

	private record RowHandler(long value) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] arguments) {
			return switch (method.getName()) {
				case "getLong" -> this.value;
				case "toString" -> "Row[" + this.value + "]";
				case "hashCode" -> Long.hashCode(this.value);
				case "equals" -> proxy == arguments[0];
				default -> throw new UnsupportedOperationException(method.getName());
			};
		}

	}

}
