/**
 * Applying reloaded SSL bundles to Reactor Netty.
 */
package io.github.hotcert.server.netty;
