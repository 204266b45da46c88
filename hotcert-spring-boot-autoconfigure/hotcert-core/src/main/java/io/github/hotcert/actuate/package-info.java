/**
 * Reporting on managed certificates through Spring Boot's actuator: endpoint, health,
 * info and audit.
 */
package io.github.hotcert.actuate;
