/**
 * The private-link guard for Apache HttpClient 4.5: {@link
 * io.privatelink.httpclient4.GuardedApacheHttpClient}.
 */
@NullMarked
package io.privatelink.httpclient4;

import org.jspecify.annotations.NullMarked;
