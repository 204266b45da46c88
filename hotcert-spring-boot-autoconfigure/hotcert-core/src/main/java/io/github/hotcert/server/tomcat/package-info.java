/**
 * Applying reloaded SSL bundles to embedded Tomcat.
 */
package io.github.hotcert.server.tomcat;
