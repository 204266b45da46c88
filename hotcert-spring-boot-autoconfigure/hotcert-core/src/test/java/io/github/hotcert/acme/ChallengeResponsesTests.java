package io.github.hotcert.acme;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ChallengeResponses}.
 */
class ChallengeResponsesTests {

	@TempDir
	Path directory;

	@Test
	void answersTheTokensOfThisInstanceAndOfTheSharedDirectory() throws Exception {
		Path shared = this.directory.resolve("challenges");
		ChallengeResponses ordering = new ChallengeResponses();
		ChallengeResponses other = new ChallengeResponses();
		other.share(shared);
		ordering.add("token-1", "token-1.thumbprint", shared);
		assertThat(ordering.find("token-1")).isEqualTo("token-1.thumbprint");
		assertThat(other.find("token-1")).as("another instance, through the storage directory")
			.isEqualTo("token-1.thumbprint");
		ordering.remove("token-1", shared);
		assertThat(ordering.find("token-1")).isNull();
		assertThat(other.find("token-1")).isNull();
	}

	@Test
	void answersNothingForWhatIsNotAToken() throws Exception {
		Path shared = this.directory.resolve("challenges");
		Files.createDirectories(shared);
		Files.writeString(this.directory.resolve("secret"), "secret");
		ChallengeResponses responses = new ChallengeResponses();
		responses.share(shared);
		for (String token : new String[] { "../secret", "..", ".", "", "a/b", "a.b", null }) {
			assertThat(responses.find(token)).as("token %s", token).isNull();
		}
		assertThatIllegalArgumentException().isThrownBy(() -> responses.add("../x", "y", shared));
	}

}
