/**
 * The resolver's cache: one lookup in flight per key. Not API: anything here may change in any
 * release.
 */
@NullMarked
package io.privatelink.core.internal.cache;

import org.jspecify.annotations.NullMarked;
