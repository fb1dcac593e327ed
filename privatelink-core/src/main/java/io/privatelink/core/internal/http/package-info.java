/**
 * HTTP rules the guard shares between clients (redirects, direct routes, pooled-client settings).
 * Not API: anything here may change in any release.
 */
@NullMarked
package io.privatelink.core.internal.http;

import org.jspecify.annotations.NullMarked;
