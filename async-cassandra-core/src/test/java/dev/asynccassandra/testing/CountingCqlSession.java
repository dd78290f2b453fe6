package dev.asynccassandra.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;

/**
 * Wraps a driver session to count the statements it executes asynchronously (each page of
 * a row stream is one), delegating everything to the real session.
 */
public final class CountingCqlSession {

	/** Statements passed to {@code executeAsync(Statement)}. */
	public final AtomicInteger executions = new AtomicInteger();

	/** The counting session. */
	public final CqlSession session;

	/**
	 * Wraps a session.
	 * @param delegate the real session
	 */
	public CountingCqlSession(CqlSession delegate) {
		this.session = (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
				new Class<?>[] { CqlSession.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("executeAsync") && arguments != null && arguments.length == 1
							&& arguments[0] instanceof Statement<?>) {
						this.executions.incrementAndGet();
					}
					try {
						return method.invoke(delegate, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
