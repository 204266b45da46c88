package io.github.hotcert.acme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The answers to HTTP-01 challenges that one challenge listener serves: those of the
 * orders of this instance, and those that other instances sharing a storage directory
 * wrote to its {@code challenges} directory, so that whichever instance the CA reaches
 * answers. An answer (the key authorization) is public by design: it proves control of
 * the domain, not of the account.
 */
final class ChallengeResponses {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

	private static final int MAX_ANSWER_LENGTH = 1024;

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private final List<Path> sharedDirectories = new CopyOnWriteArrayList<>();

	/**
	 * Also serve the answers written to a shared directory.
	 * @param directory the {@code challenges} directory of a storage directory
	 */
	void share(Path directory) {
		if (!this.sharedDirectories.contains(directory)) {
			this.sharedDirectories.add(directory);
		}
	}

	/**
	 * Serve an answer, here and through the shared directory.
	 * @param token the token of the challenge
	 * @param answer the key authorization
	 * @param sharedDirectory the shared directory, or {@code null}
	 * @throws IOException if the shared answer cannot be written
	 */
	void add(String token, String answer, Path sharedDirectory) throws IOException {
		checkToken(token);
		this.answers.put(token, answer);
		if (sharedDirectory != null) {
			StorageFiles.createDirectories(sharedDirectory);
			Path temporary = StorageFiles.temporarySibling(sharedDirectory.resolve(token));
			Files.writeString(temporary, answer);
			Files.move(temporary, sharedDirectory.resolve(token), StandardCopyOption.ATOMIC_MOVE);
		}
	}

	/**
	 * Stop serving an answer.
	 * @param token the token of the challenge
	 * @param sharedDirectory the shared directory, or {@code null}
	 */
	void remove(String token, Path sharedDirectory) {
		this.answers.remove(token);
		if (sharedDirectory != null && isToken(token)) {
			try {
				Files.deleteIfExists(sharedDirectory.resolve(token));
			}
			catch (IOException ex) {
				// Left for the next order to overwrite; answers are not secret
			}
		}
	}

	/**
	 * Return the answer to a token.
	 * @param token the token from the request
	 * @return the answer, or {@code null}
	 */
	String find(String token) {
		if (!isToken(token)) {
			return null;
		}
		String answer = this.answers.get(token);
		if (answer != null) {
			return answer;
		}
		for (Path directory : this.sharedDirectories) {
			Path file = directory.resolve(token);
			try {
				if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) <= MAX_ANSWER_LENGTH) {
					return Files.readString(file).trim();
				}
			}
			catch (NoSuchFileException ex) {
				// Removed in between
			}
			catch (IOException ex) {
				return null;
			}
		}
		return null;
	}

	static boolean isToken(String token) {
		return token != null && TOKEN.matcher(token).matches();
	}

	private static void checkToken(String token) {
		if (!isToken(token)) {
			throw new IllegalArgumentException("Not an ACME challenge token: '%s'".formatted(token));
		}
	}

}
