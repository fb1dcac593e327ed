/** Logging helpers. Not API: anything here may change in any release. */
@NullMarked
package io.privatelink.core.internal.log;

import org.jspecify.annotations.NullMarked;
