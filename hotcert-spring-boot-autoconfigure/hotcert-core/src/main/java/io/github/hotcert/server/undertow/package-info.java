/**
 * Applying reloaded SSL bundles to embedded Undertow.
 */
package io.github.hotcert.server.undertow;
