package io.github.hotcert.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementTests {

	@Test
	void watchedReloadMillisAreTheDurationsOfTheReloadsAfterAFileChange() {
		String bundle = """
				{"name": "web", "history": [
				  {"trigger": "watch", "outcome": "reloaded", "durationMillis": 31, "findings": [{"check": "dates"}]},
				  {"trigger": "watch", "outcome": "rejected", "durationMillis": 12, "findings": []},
				  {"trigger": "manual", "outcome": "reloaded", "durationMillis": 15, "findings": []},
				  {"trigger": "poll", "outcome": "reloaded", "durationMillis": 40, "findings": []},
				  {"trigger": "watch", "outcome": "unchanged", "durationMillis": 3, "findings": []},
				  {"trigger": "startup", "outcome": "unchanged", "durationMillis": 1265, "findings": []}
				]}
				""";
		assertThat(Management.watchedReloadMillisOf(bundle)).containsExactly(31.0, 40.0);
	}

	@Test
	void watchedReloadMillisOfABundleWithoutHistoryAreNone() {
		assertThat(Management.watchedReloadMillisOf("{\"name\": \"web\"}")).isEmpty();
	}

}
