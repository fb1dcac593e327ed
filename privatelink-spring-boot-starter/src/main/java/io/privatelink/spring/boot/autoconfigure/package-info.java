/**
 * The starter's auto-configuration: registered in {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, not meant to
 * be referenced by application code.
 */
@NullMarked
package io.privatelink.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
