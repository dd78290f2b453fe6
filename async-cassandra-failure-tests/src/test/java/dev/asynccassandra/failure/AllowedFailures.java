package dev.asynccassandra.failure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The failure types each phase may show, as explicit lists; any other failure (or any
 * failure in a phase not listed) is a violation. An allowed name ending with {@code (*)},
 * such as {@code AllNodesFailedException(*)}, allows that type whatever its bracketed
 * causes.
 */
final class AllowedFailures {

	private final Map<String, Set<String>> allowedByPhase;

	AllowedFailures(Map<String, Set<String>> allowedByPhase) {
		this.allowedByPhase = new LinkedHashMap<>(allowedByPhase);
	}

	Set<String> allowed(String phase) {
		return this.allowedByPhase.getOrDefault(phase, Set.of());
	}

	static boolean isAllowed(Set<String> allowed, String type) {
		if (allowed.contains(type)) {
			return true;
		}
		int bracket = type.indexOf('(');
		return bracket > 0 && allowed.contains(type.substring(0, bracket) + "(*)");
	}

	/**
	 * Failures the ledger holds that their phase does not allow.
	 * @param ledger the outcomes
	 * @return "phase: type" to count, empty when everything is allowed
	 */
	Map<String, Long> violations(LoadLedger ledger) {
		Map<String, Long> violations = new TreeMap<>();
		for (String phase : ledger.phases()) {
			Set<String> allowed = allowed(phase);
			ledger.failures(phase).forEach((type, count) -> {
				if (!isAllowed(allowed, type)) {
					violations.put(phase + ": " + type, count);
				}
			});
		}
		return violations;
	}

}
