/**
 * The facts of hotcert's log lines as separate fields for Spring Boot's structured
 * logging.
 */
package io.github.hotcert.logging;
