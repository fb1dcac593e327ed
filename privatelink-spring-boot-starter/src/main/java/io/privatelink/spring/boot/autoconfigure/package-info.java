/**
 * The starter's auto-configuration: registered in {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, not meant to
 * be referenced by application code.
 */
package io.privatelink.spring.boot.autoconfigure;
