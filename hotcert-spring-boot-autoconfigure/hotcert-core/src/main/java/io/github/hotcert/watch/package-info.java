/**
 * Noticing that certificate material changed: file events, polling and signals.
 */
package io.github.hotcert.watch;
