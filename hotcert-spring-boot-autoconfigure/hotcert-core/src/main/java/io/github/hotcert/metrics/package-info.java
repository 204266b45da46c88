/**
 * Micrometer metrics: certificate validity dates and reload counts, times and state.
 */
package io.github.hotcert.metrics;
