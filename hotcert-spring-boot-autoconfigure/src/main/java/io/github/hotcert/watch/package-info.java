/**
 * Noticing that certificate files changed on disk.
 */
package io.github.hotcert.watch;
