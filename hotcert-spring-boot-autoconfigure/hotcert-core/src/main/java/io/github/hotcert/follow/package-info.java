/**
 * SSL bundles whose key and trust managers follow the material a bundle serves, so that
 * every SSL context built from them uses new material on its next handshake.
 */
package io.github.hotcert.follow;
