/**
 * Orchestrating reloads: loading, validating and publishing new certificate material,
 * with history and events.
 */
package io.github.hotcert.reload;
