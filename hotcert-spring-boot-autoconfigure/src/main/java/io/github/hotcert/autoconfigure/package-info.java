/**
 * Auto-configuration of hotcert: wiring only.
 */
package io.github.hotcert.autoconfigure;
