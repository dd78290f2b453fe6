package dev.asynccassandra.spring.testing;

import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.CqlSession;

import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Mocked driver sessions for context tests: the session's close completes at once, as a
 * driver session with nothing in flight does (the async session closes the driver session
 * it wraps).
 */
public final class MockCqlSessions {

	private MockCqlSessions() {
	}

	/**
	 * A deep-stubbed driver session whose closes complete at once.
	 * @return the mock
	 */
	public static CqlSession closeable() {
		CqlSession session = mock(CqlSession.class, RETURNS_DEEP_STUBS);
		when(session.closeAsync()).thenReturn(CompletableFuture.completedFuture(null));
		when(session.forceCloseAsync()).thenReturn(CompletableFuture.completedFuture(null));
		return session;
	}

}
