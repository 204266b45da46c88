package io.github.hotcert.logging;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link LogFields}.
 */
class LogFieldsTests {

	private final Log logger = mock(Log.class);

	@AfterEach
	void clearMdc() {
		MDC.clear();
	}

	@Test
	void fieldsAreInTheMdcWhileTheLineIsLoggedAndOnlyThen() {
		AtomicReference<Map<String, String>> seen = new AtomicReference<>();
		given(this.logger.isInfoEnabled()).willReturn(true);
		willAnswer((invocation) -> {
			seen.set(MDC.getCopyOfContextMap());
			return null;
		}).given(this.logger).info(any());
		LogFields.bundle("web")
			.and(LogFields.RETRY_ATTEMPT, 3)
			.and(LogFields.RETRY_DELAY, Duration.ofSeconds(4))
			.info(this.logger, "message");
		verify(this.logger).info("message");
		assertThat(seen.get()).containsExactlyInAnyOrderEntriesOf(
				Map.of("hotcert.bundle", "web", "hotcert.retry.attempt", "3", "hotcert.retry.delay", "PT4S"));
		assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
	}

	@Test
	void putsBackWhatTheThreadHadUnderTheSameName() {
		MDC.put(LogFields.BUNDLE, "outer");
		MDC.put("traceId", "abc");
		given(this.logger.isWarnEnabled()).willReturn(true);
		willAnswer((invocation) -> {
			assertThat(MDC.get(LogFields.BUNDLE)).isEqualTo("inner");
			return null;
		}).given(this.logger).warn(any(), any());
		LogFields.bundle("inner").warn(this.logger, "message", new IllegalStateException());
		verify(this.logger).warn(any(), any());
		assertThat(MDC.getCopyOfContextMap())
			.containsExactlyInAnyOrderEntriesOf(Map.of(LogFields.BUNDLE, "outer", "traceId", "abc"));
	}

	@Test
	void takesTheFieldsOutWhenLoggingFails() {
		given(this.logger.isErrorEnabled()).willReturn(true);
		willAnswer((invocation) -> {
			throw new IllegalStateException("appender failed");
		}).given(this.logger).error(any(), any());
		assertThatIllegalStateException().isThrownBy(() -> LogFields.bundle("web").error(this.logger, "message", null))
			.withMessage("appender failed");
		assertThat(MDC.get(LogFields.BUNDLE)).isNull();
	}

	@Test
	void leavesOutFieldsWithoutValue() {
		LogFields fields = LogFields.bundle("web").and(LogFields.REASON, null).and(LogFields.FILE, "/etc/tls/tls.key");
		assertThat(fields.asMap()).containsExactly(Map.entry(LogFields.BUNDLE, "web"),
				Map.entry(LogFields.FILE, "/etc/tls/tls.key"));
	}

	@Test
	void buildsNothingWhenTheLevelIsOff() {
		Supplier<String> message = mock();
		LogFields.bundle("web").debug(this.logger, message);
		verify(message, never()).get();
		verify(this.logger, never()).debug(any());
	}

	@Test
	void refusesFieldsOutsideTheNamespace() {
		assertThatIllegalArgumentException().isThrownBy(() -> LogFields.of("bundle", "web"))
			.withMessageContaining("'hotcert.' namespace");
		assertThatIllegalArgumentException().isThrownBy(() -> LogFields.of("hotcert.", "web"));
	}

	@Test
	void noFieldNameIsAnObjectOfAnother() throws IllegalAccessException {
		// ECS nests dotted names: hotcert.retry.attempt is
		// {"hotcert":{"retry":{"attempt":…}}},
		// so a field hotcert.retry would make Spring Boot's ECS formatter fail
		List<String> names = names();
		assertThat(names).hasSizeGreaterThan(10)
			.doesNotHaveDuplicates()
			.allMatch((name) -> name.startsWith("hotcert."));
		for (String name : names) {
			assertThat(names).noneMatch((other) -> other.startsWith(name + "."));
		}
	}

	/**
	 * Return the field names: the string constants of {@link LogFields}, but the name of
	 * the MDC class.
	 */
	private static List<String> names() throws IllegalAccessException {
		List<Field> constants = Arrays.stream(LogFields.class.getDeclaredFields())
			.filter((field) -> Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())
					&& field.getType() == String.class && !field.getName().equals("MDC_CLASS"))
			.toList();
		String[] names = new String[constants.size()];
		for (int i = 0; i < names.length; i++) {
			names[i] = (String) constants.get(i).get(null);
		}
		return List.of(names);
	}

}
