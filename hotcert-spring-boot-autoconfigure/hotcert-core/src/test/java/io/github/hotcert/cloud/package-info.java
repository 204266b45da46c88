/**
 * Tests of configuration refreshes with Spring Cloud, run by each line's Spring Cloud
 * test module.
 */
package io.github.hotcert.cloud;
