/**
 * Reading certificate material (PEM files and key stores) with Bouncy Castle.
 */
package io.github.hotcert.source;
