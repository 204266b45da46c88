package io.github.hotcert.source;

import java.time.Instant;

/**
 * What is known about one piece of material without its content.
 *
 * @param location where the content was read from
 * @param sha256 the hex SHA-256 digest of the content
 * @param size the size of the content in bytes
 * @param lastModified when the file was last modified, or {@code null} when the content
 * is not a file
 */
public record ContentDigest(MaterialLocation location, String sha256, long size, Instant lastModified) {

}
