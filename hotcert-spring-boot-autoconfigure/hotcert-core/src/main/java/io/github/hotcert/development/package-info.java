/**
 * Generating a development certificate authority and certificate, when asked to.
 */
package io.github.hotcert.development;
