/**
 * Auto-configuration of hotcert for Spring Boot 3.5: wiring only.
 */
package io.github.hotcert.boot3.autoconfigure;
