/**
 * Spring Boot integration: properties, the services the starter verifies at start-up, and the
 * events and health it publishes.
 */
@NullMarked
package io.privatelink.spring.boot;

import org.jspecify.annotations.NullMarked;
