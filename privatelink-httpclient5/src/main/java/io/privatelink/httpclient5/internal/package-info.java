/**
 * Route planning, connections and redirects of the guarded HttpClient 5. Not API: anything here may
 * change in any release.
 */
@NullMarked
package io.privatelink.httpclient5.internal;

import org.jspecify.annotations.NullMarked;
