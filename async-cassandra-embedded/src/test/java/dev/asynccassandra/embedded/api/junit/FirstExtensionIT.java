package dev.asynccassandra.embedded.api.junit;

/**
 * One of the two classes that run {@link SharedNodeClassKeyspaceContract}.
 */
class FirstExtensionIT extends SharedNodeClassKeyspaceContract {

	FirstExtensionIT() {
		super("first_extension_it");
	}

}
