package dev.asynccassandra.embedded.internal.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the last lines of a node's logs, for failure messages.
 */
final class LogTail {

	/** Number of lines of {@code system.log} put in failure messages. */
	public static final int SYSTEM_LOG_LINES = 40;

	/** Number of lines of the console output put in failure messages. */
	public static final int CONSOLE_LOG_LINES = 20;

	private static final int MAXIMUM_BYTES = 64 * 1024;

	private LogTail() {
	}

	/**
	 * Returns the tails of {@code system.log} and of the console output, each headed by
	 * its file name.
	 * @param directory the node's folder layout
	 * @return the text, never empty
	 */
	public static String of(NodeDirectory directory) {
		return "==> " + directory.systemLog() + " <==" + System.lineSeparator()
				+ lastLines(directory.systemLog(), SYSTEM_LOG_LINES) + "==> " + directory.consoleLog() + " <=="
				+ System.lineSeparator() + lastLines(directory.consoleLog(), CONSOLE_LOG_LINES);
	}

	/**
	 * Returns the last lines of a file.
	 * @param file the file
	 * @param count the maximum number of lines
	 * @return the lines, each followed by a line break, or a note if the file is missing
	 * or empty
	 */
	static String lastLines(Path file, int count) {
		if (!Files.isRegularFile(file)) {
			return "(no file)" + System.lineSeparator();
		}
		try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
			long length = input.length();
			int size = (int) Math.min(length, MAXIMUM_BYTES);
			byte[] bytes = new byte[size];
			input.seek(length - size);
			input.readFully(bytes);
			List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
			if (lines.size() == 1 && lines.get(0).isEmpty()) {
				return "(empty)" + System.lineSeparator();
			}
			StringBuilder tail = new StringBuilder();
			lines.subList(Math.max(0, lines.size() - count), lines.size())
				.forEach((line) -> tail.append(line).append(System.lineSeparator()));
			return tail.toString();
		}
		catch (IOException ex) {
			return "(unreadable: " + ex.getMessage() + ")" + System.lineSeparator();
		}
	}

}
