package dev.asynccassandra.internal.context;

/**
 * Captures the calling thread's context. The session picks one when it is built:
 * {@link #NONE} when propagation is off or Micrometer's context-propagation library is
 * not on the class path (then nothing is captured and nothing is paid), else
 * {@link SnapshotCapture}.
 */
public interface ContextCapture {

	/**
	 * Captures nothing.
	 */
	ContextCapture NONE = () -> CallerContext.NONE;

	/**
	 * The name of the class whose presence turns propagation on.
	 */
	String LIBRARY_CLASS = "io.micrometer.context.ContextSnapshotFactory";

	/**
	 * Captures the calling thread's context.
	 * @return the context, or {@link CallerContext#NONE}
	 */
	CallerContext capture();

	/**
	 * The capture a session uses.
	 * @param enabled whether the session propagates the caller's context
	 * @param classLoader where to look for the context-propagation library
	 * @return {@link SnapshotCapture} if enabled and the library is present, else
	 * {@link #NONE}
	 */
	static ContextCapture of(boolean enabled, ClassLoader classLoader) {
		if (!enabled || !isLibraryPresent(classLoader)) {
			return NONE;
		}
		return new SnapshotCapture();
	}

	/**
	 * Whether Micrometer's context-propagation library can be loaded.
	 * @param classLoader where to look
	 * @return whether it is present
	 */
	static boolean isLibraryPresent(ClassLoader classLoader) {
		try {
			Class.forName(LIBRARY_CLASS, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
