/**
 * Route planning, sockets and redirects of the guarded HttpClient 4.5. Not API: anything here may
 * change in any release.
 */
@NullMarked
package io.privatelink.httpclient4.internal;

import org.jspecify.annotations.NullMarked;
