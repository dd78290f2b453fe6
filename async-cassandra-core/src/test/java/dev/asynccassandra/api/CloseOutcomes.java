package dev.asynccassandra.api;

import java.util.ArrayList;
import java.util.List;

import dev.asynccassandra.api.error.SessionClosedException;
import org.jspecify.annotations.Nullable;

/**
 * How the requests racing a close ended: succeeded, refused by the closed session,
 * admitted and then ended by the close (and of those, how many carry the driver's failure
 * as the cause), or any other way, which the close contract does not allow.
 */
final class CloseOutcomes {

	final List<String> violations = new ArrayList<>();

	long succeeded;

	long refused;

	long admittedThenClosed;

	long withDriverCause;

	/**
	 * Counts one request by its failure.
	 * @param error the request's failure, {@code null} when it succeeded
	 */
	void count(@Nullable Throwable error) {
		if (error == null) {
			this.succeeded++;
		}
		else if (error instanceof SessionClosedException closed) {
			if (!closed.wasAdmitted()) {
				this.refused++;
			}
			else {
				this.admittedThenClosed++;
				if (closed.getCause() != null) {
					this.withDriverCause++;
				}
			}
		}
		else {
			this.violations.add("unexpected failure " + error + " caused by " + error.getCause());
		}
	}

	/**
	 * Adds the counts of another round.
	 * @param round the round's outcomes
	 */
	void add(CloseOutcomes round) {
		this.succeeded += round.succeeded;
		this.refused += round.refused;
		this.admittedThenClosed += round.admittedThenClosed;
		this.withDriverCause += round.withDriverCause;
		this.violations.addAll(round.violations);
	}

	@Override
	public String toString() {
		return "succeeded=" + this.succeeded + ", refused=" + this.refused + ", admitted then closed="
				+ this.admittedThenClosed + " (of which the driver's failure is the cause: " + this.withDriverCause
				+ ")";
	}

}
