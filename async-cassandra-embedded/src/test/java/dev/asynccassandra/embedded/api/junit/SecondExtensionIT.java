package dev.asynccassandra.embedded.api.junit;

/**
 * One of the two classes that run {@link SharedNodeClassKeyspaceContract}.
 */
class SecondExtensionIT extends SharedNodeClassKeyspaceContract {

	SecondExtensionIT() {
		super("second_extension_it");
	}

}
