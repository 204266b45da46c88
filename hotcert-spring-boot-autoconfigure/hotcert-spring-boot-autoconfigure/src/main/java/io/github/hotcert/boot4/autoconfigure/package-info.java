/**
 * Auto-configuration of hotcert for Spring Boot 4: wiring only.
 */
package io.github.hotcert.boot4.autoconfigure;
