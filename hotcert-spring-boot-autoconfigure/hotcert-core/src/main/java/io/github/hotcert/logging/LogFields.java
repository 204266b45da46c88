package io.github.hotcert.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.slf4j.MDC;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The facts of one log line as separate fields, next to its readable message. Spring
 * Boot's structured logging ({@code logging.structured.format.console=ecs},
 * {@code logstash} or {@code gelf}) writes the entries of the logging system's MDC as
 * fields of each JSON line, with Logback and with Log4j2 alike, so the fields are put in
 * the SLF4J {@link MDC} for the one call that logs the line and taken out again right
 * after: a plain text line reads as before, and nothing is left on the thread. Field
 * names are in the {@code hotcert.} namespace (ECS nests them under a {@code hotcert}
 * object, Logstash keeps them as they are, GELF writes them as additional fields such as
 * {@code _hotcert.bundle}). Values are text: never key material or passwords.
 * <p>
 * Every log line of hotcert that reports on a bundle, a reload, a retry or the watcher
 * goes through this class.
 */
public final class LogFields {

	/**
	 * The SSL bundle name.
	 */
	public static final String BUNDLE = "hotcert.bundle";

	/**
	 * What started a reload, such as {@code watch} or {@code manual}.
	 */
	public static final String TRIGGER = "hotcert.trigger";

	/**
	 * How a reload ended: {@code reloaded}, {@code unchanged}, {@code rejected} or
	 * {@code valid}.
	 */
	public static final String OUTCOME = "hotcert.outcome";

	/**
	 * The check that rejected new material, such as {@code key-match}.
	 */
	public static final String REASON = "hotcert.reason";

	/**
	 * The check of a finding that only warns, such as {@code min-validity}.
	 */
	public static final String CHECK = "hotcert.check";

	/**
	 * The serial number, lower case hex, of the leaf certificate served before.
	 */
	public static final String OLD_SERIAL = "hotcert.old.serial";

	/**
	 * When the leaf certificate served before expires (ISO-8601).
	 */
	public static final String OLD_EXPIRY = "hotcert.old.expiry";

	/**
	 * The serial number, lower case hex, of the leaf certificate of the new material.
	 */
	public static final String NEW_SERIAL = "hotcert.new.serial";

	/**
	 * When the leaf certificate of the new material expires (ISO-8601).
	 */
	public static final String NEW_EXPIRY = "hotcert.new.expiry";

	/**
	 * The file or directory the line is about.
	 */
	public static final String FILE = "hotcert.file";

	/**
	 * The number of a retry, starting at 1.
	 */
	public static final String RETRY_ATTEMPT = "hotcert.retry.attempt";

	/**
	 * The delay before a retry (ISO-8601).
	 */
	public static final String RETRY_DELAY = "hotcert.retry.delay";

	/**
	 * How changes to certificate files are noticed: {@code watch+poll}, {@code poll} or
	 * {@code off}.
	 */
	public static final String WATCH_MODE = "hotcert.watch.mode";

	/**
	 * The state of the file watcher after the line, such as {@code watching} or
	 * {@code failed}.
	 */
	public static final String WATCHER_STATE = "hotcert.watcher.state";

	/**
	 * The operating system signal that reloads every bundle, such as {@code HUP}.
	 */
	public static final String SIGNAL = "hotcert.signal";

	private static final String NAMESPACE = "hotcert.";

	/**
	 * The class that holds the fields while a line is logged, looked up when this class
	 * is loaded: without SLF4J, lines are logged without fields.
	 */
	public static final String MDC_CLASS = "org.slf4j.MDC";

	private static final boolean MDC_PRESENT = ClassUtils.isPresent(MDC_CLASS, LogFields.class.getClassLoader());

	private final Map<String, String> fields;

	private LogFields(Map<String, String> fields) {
		this.fields = fields;
	}

	/**
	 * Return fields that start with the given one.
	 * @param name the field name
	 * @param value the value, or {@code null} to leave the field out
	 * @return the fields
	 */
	public static LogFields of(String name, Object value) {
		return new LogFields(Map.of()).and(name, value);
	}

	/**
	 * Return the fields of a line about one bundle.
	 * @param bundle the bundle name
	 * @return the fields
	 */
	public static LogFields bundle(String bundle) {
		return of(BUNDLE, bundle);
	}

	/**
	 * Return these fields and one more.
	 * @param name the field name, in the {@code hotcert.} namespace
	 * @param value the value, or {@code null} to leave the field out
	 * @return the fields
	 */
	public LogFields and(String name, Object value) {
		Assert.isTrue(name != null && name.startsWith(NAMESPACE) && name.length() > NAMESPACE.length(),
				() -> "Field name '%s' is not in the '%s' namespace".formatted(name, NAMESPACE));
		if (value == null) {
			return this;
		}
		Map<String, String> fields = new LinkedHashMap<>(this.fields);
		fields.put(name, String.valueOf(value));
		return new LogFields(fields);
	}

	/**
	 * Return the fields, in the order they were added.
	 * @return the fields by name
	 */
	public Map<String, String> asMap() {
		return Collections.unmodifiableMap(this.fields);
	}

	/**
	 * Log a message at TRACE with these fields, when TRACE is enabled.
	 * @param logger the logger
	 * @param message supplies the message
	 */
	public void trace(Log logger, Supplier<String> message) {
		if (logger.isTraceEnabled()) {
			log(() -> logger.trace(message.get()));
		}
	}

	/**
	 * Log a message at DEBUG with these fields, when DEBUG is enabled.
	 * @param logger the logger
	 * @param message supplies the message
	 */
	public void debug(Log logger, Supplier<String> message) {
		if (logger.isDebugEnabled()) {
			log(() -> logger.debug(message.get()));
		}
	}

	/**
	 * Log a message and an exception at DEBUG with these fields, when DEBUG is enabled.
	 * @param logger the logger
	 * @param message supplies the message
	 * @param ex the exception
	 */
	public void debug(Log logger, Supplier<String> message, Throwable ex) {
		if (logger.isDebugEnabled()) {
			log(() -> logger.debug(message.get(), ex));
		}
	}

	/**
	 * Log a message at INFO with these fields.
	 * @param logger the logger
	 * @param message the message
	 */
	public void info(Log logger, String message) {
		if (logger.isInfoEnabled()) {
			log(() -> logger.info(message));
		}
	}

	/**
	 * Log a message at WARN with these fields.
	 * @param logger the logger
	 * @param message the message
	 */
	public void warn(Log logger, String message) {
		if (logger.isWarnEnabled()) {
			log(() -> logger.warn(message));
		}
	}

	/**
	 * Log a message and an exception at WARN with these fields.
	 * @param logger the logger
	 * @param message the message
	 * @param ex the exception
	 */
	public void warn(Log logger, String message, Throwable ex) {
		if (logger.isWarnEnabled()) {
			log(() -> logger.warn(message, ex));
		}
	}

	/**
	 * Log a message and an exception at ERROR with these fields.
	 * @param logger the logger
	 * @param message the message
	 * @param ex the exception, or {@code null}
	 */
	public void error(Log logger, String message, Throwable ex) {
		if (logger.isErrorEnabled()) {
			log(() -> logger.error(message, ex));
		}
	}

	/**
	 * Put the fields in the MDC while the line is logged, then take them out, putting
	 * back what the thread had under the same names.
	 */
	private void log(Runnable line) {
		if (!MDC_PRESENT || this.fields.isEmpty()) {
			line.run();
			return;
		}
		Map<String, String> previous = new LinkedHashMap<>();
		this.fields.forEach((name, value) -> {
			previous.put(name, MDC.get(name));
			MDC.put(name, value);
		});
		try {
			line.run();
		}
		finally {
			previous.forEach((name, value) -> {
				if (value != null) {
					MDC.put(name, value);
				}
				else {
					MDC.remove(name);
				}
			});
		}
	}

	@Override
	public String toString() {
		return this.fields.toString();
	}

}
