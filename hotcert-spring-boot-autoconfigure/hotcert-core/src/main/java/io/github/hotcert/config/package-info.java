/**
 * Configuration properties and the wiring that both Spring Boot lines share.
 */
package io.github.hotcert.config;
