/**
 * The private-link guard for Apache HttpClient 5: {@link
 * io.privatelink.httpclient5.GuardedApacheHttpClient}.
 */
@NullMarked
package io.privatelink.httpclient5;

import org.jspecify.annotations.NullMarked;
