/**
 * Certificates from an ACME CA (RFC 8555): ordered, renewed and stored as ordinary PEM
 * bundles that the rest of hotcert watches, validates and serves.
 */
package io.github.hotcert.acme;
