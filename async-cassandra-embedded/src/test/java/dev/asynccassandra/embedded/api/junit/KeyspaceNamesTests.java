package dev.asynccassandra.embedded.api.junit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyspaceNamesTests {

	@Test
	void camelCaseClassNameBecomesSnakeCase() {
		assertThat(KeyspaceNames.sanitize("SessionRoundTripIT")).isEqualTo("session_round_trip_it");
		assertThat(KeyspaceNames.sanitize("HTTPClientTests")).isEqualTo("http_client_tests");
	}

	@Test
	void nestedClassIncludesItsEnclosingClass() {
		assertThat(KeyspaceNames.forClass(Inner.class)).isEqualTo("keyspace_names_tests_inner");
	}

	@Test
	void invalidCharactersAndLeadingDigitsAreReplaced() {
		assertThat(KeyspaceNames.sanitize("1 weird-Name!")).isEqualTo("ks_1_weird_name");
	}

	@Test
	void longNamesAreCutTo48Characters() {
		assertThat(KeyspaceNames.sanitize("A".repeat(10) + "b".repeat(60))).hasSize(48);
	}

	static class Inner {

	}

}
