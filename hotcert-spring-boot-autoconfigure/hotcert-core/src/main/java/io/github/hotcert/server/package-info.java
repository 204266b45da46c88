/**
 * Applying reloaded SSL bundles to embedded web servers, one package per server.
 */
package io.github.hotcert.server;
