/**
 * Applying reloaded SSL bundles to embedded Jetty.
 */
package io.github.hotcert.server.jetty;
