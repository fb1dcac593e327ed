/**
 * A Spring Boot application that reads a CapabilityStatement through the starter's guarded client.
 */
@NullMarked
package io.privatelink.examples.spring;

import org.jspecify.annotations.NullMarked;
