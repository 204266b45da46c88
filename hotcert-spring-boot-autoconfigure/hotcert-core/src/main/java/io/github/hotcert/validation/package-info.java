/**
 * Deciding whether new certificate material is safe to serve.
 */
package io.github.hotcert.validation;
