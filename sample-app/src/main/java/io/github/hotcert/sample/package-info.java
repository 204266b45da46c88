/**
 * The hotcert sample application.
 */
package io.github.hotcert.sample;
