package io.github.hotcert.watch;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventBatch}: which events swap files as a whole, decided from the
 * events alone.
 */
class EventBatchTests {

	@Test
	void kubernetesDataLinkRenamedIntoPlaceIsSwapped() {
		assertThat(swapped(delete("..data_tmp"), create("..data"))).containsExactly(Path.of("..data"));
	}

	@Test
	void kubernetesDataLinkCreatedIsSwapped() {
		assertThat(swapped(create("..2026_11_21_10_00_00.1"), create("..data"))).containsExactly(Path.of("..data"));
	}

	@Test
	void fileRenamedIntoPlaceFromTheSameDirectoryIsSwapped() {
		assertThat(swapped(create("tls.p12.tmp"), modify("tls.p12.tmp"), delete("tls.p12.tmp"), create("tls.p12")))
			.containsExactly(Path.of("tls.p12"));
	}

	@Test
	void fileCreatedAndWrittenIsNotSwapped() {
		assertThat(swapped(delete("old.p12"), create("tls.p12"), modify("tls.p12"))).isEmpty();
	}

	@Test
	void fileCreatedWithoutAnyRenameIsNotSwapped() {
		assertThat(swapped(create("tls.p12"))).isEmpty();
	}

	@Test
	void linkFlippedByUnlinkAndSymlinkIsNotSwapped() {
		assertThat(swapped(delete("cert.pem"), create("cert.pem"))).isEmpty();
	}

	@Test
	void nameCreatedAndThenDeletedIsNotSwapped() {
		assertThat(swapped(delete("..data_tmp"), create("..data"), delete("..data"))).isEmpty();
	}

	@Test
	void fileRenamedIntoPlaceWhoseEventsWereTakenApartIsSwapped() {
		List<WatchEvent<?>> first = List.of(create("tls.p12.tmp"), modify("tls.p12.tmp"), delete("tls.p12.tmp"));
		assertThat(EventBatch.swappedNames(null, first)).isEmpty();
		assertThat(EventBatch.deletedLast(first)).isEqualTo(Path.of("tls.p12.tmp"));
		assertThat(EventBatch.swappedNames(EventBatch.deletedLast(first), List.of(create("tls.p12"))))
			.containsExactly(Path.of("tls.p12"));
	}

	@Test
	void fileWrittenInPlaceIsNotSwapped() {
		assertThat(swapped(modify("tls.crt"), modify("tls.key"))).isEmpty();
	}

	private static List<Path> swapped(WatchEvent<?>... events) {
		return new ArrayList<>(EventBatch.swappedNames(null, List.of(events)));
	}

	private static WatchEvent<Path> create(String name) {
		return event(StandardWatchEventKinds.ENTRY_CREATE, name);
	}

	private static WatchEvent<Path> delete(String name) {
		return event(StandardWatchEventKinds.ENTRY_DELETE, name);
	}

	private static WatchEvent<Path> modify(String name) {
		return event(StandardWatchEventKinds.ENTRY_MODIFY, name);
	}

	private static WatchEvent<Path> event(WatchEvent.Kind<Path> kind, String name) {
		return new WatchEvent<>() {

			@Override
			public Kind<Path> kind() {
				return kind;
			}

			@Override
			public int count() {
				return 1;
			}

			@Override
			public Path context() {
				return Path.of(name);
			}

		};
	}

}
