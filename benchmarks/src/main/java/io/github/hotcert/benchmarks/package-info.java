/**
 * A benchmark of hotcert that measures the packaged sample application as real processes.
 */
package io.github.hotcert.benchmarks;
