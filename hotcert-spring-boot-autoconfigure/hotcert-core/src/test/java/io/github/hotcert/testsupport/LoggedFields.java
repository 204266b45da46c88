package io.github.hotcert.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * The lines that one class logs through Logback, each with the MDC it was logged with:
 * the fields that Spring Boot's structured logging writes. The MDC is copied while the
 * line is logged, since hotcert's fields leave it straight after.
 */
public final class LoggedFields extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final Logger logger;

	private final List<Line> lines = new CopyOnWriteArrayList<>();

	private LoggedFields(Class<?> type) {
		this.logger = (Logger) LoggerFactory.getLogger(type);
		start();
		this.logger.addAppender(this);
	}

	/**
	 * Start recording the lines of the given class.
	 * @param type the class whose logger to record
	 * @return the recorded lines, until closed
	 */
	public static LoggedFields of(Class<?> type) {
		return new LoggedFields(type);
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.lines.add(new Line(event.getLevel(), event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
	}

	/**
	 * Return the fields of the only line at the given level whose message starts as
	 * given.
	 * @param level the level
	 * @param messageStart the start of the message
	 * @return the fields of that line
	 */
	public Map<String, String> fieldsOf(Level level, String messageStart) {
		List<Line> matching = this.lines.stream()
			.filter((line) -> line.level() == level && line.message().startsWith(messageStart))
			.toList();
		if (matching.size() != 1) {
			throw new AssertionError(
					"Not one %s line starting with '%s' in %s".formatted(level, messageStart, this.lines));
		}
		return matching.get(0).fields();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this);
		stop();
	}

	private record Line(Level level, String message, Map<String, String> fields) {

	}

}
