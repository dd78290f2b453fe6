package dev.asynccassandra.embedded.internal.node;

/**
 * Renders the server's {@code logback.xml} (logback 1.2 inside Cassandra): everything at
 * INFO to {@code logs/system.log}, warnings and errors also to the console file.
 */
final class LogbackConfiguration {

	private static final String PATTERN = "%-5level %date{HH:mm:ss.SSS} [%thread] %logger{0} - %msg%n";

	private LogbackConfiguration() {
	}

	/**
	 * Renders the XML document.
	 * @param directory the node's folder layout
	 * @return the document text
	 */
	public static String render(NodeDirectory directory) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<!-- Written by async-cassandra-embedded; rewritten at every start. -->
				<configuration scan="false">
					<appender name="FILE" class="ch.qos.logback.core.FileAppender">
						<file>%s</file>
						<append>true</append>
						<encoder>
							<pattern>%s</pattern>
						</encoder>
					</appender>
					<appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
						<filter class="ch.qos.logback.classic.filter.ThresholdFilter">
							<level>WARN</level>
						</filter>
						<encoder>
							<pattern>%s</pattern>
						</encoder>
					</appender>
					<root level="INFO">
						<appender-ref ref="FILE"/>
						<appender-ref ref="CONSOLE"/>
					</root>
				</configuration>
				""".formatted(escape(directory.systemLog().toString()), escape(PATTERN), escape(PATTERN));
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
