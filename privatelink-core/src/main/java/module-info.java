/**
 * The private-link guard: {@link io.privatelink.core.NetworkPolicy}, {@link
 * io.privatelink.core.PrivateLinkResolver} and {@link io.privatelink.core.GuardedHttpClient}. Only
 * {@code io.privatelink.core} is API; the {@code internal} packages are not exported, except the
 * redirect rules the Apache HttpClient adapters share with the OkHttp guard.
 */
module io.privatelink.core {
  requires transitive okhttp3; // GuardedHttpClient hands out an OkHttpClient
  requires okio; // the watchdog pacer extends okio.AsyncTimeout
  requires org.dnsjava;
  requires org.slf4j;
  requires static transitive org.jspecify; // annotations only: not needed at run time

  exports io.privatelink.core;
  // One rule set for redirects on every transport (issue: no duplication across modules).
  exports io.privatelink.core.internal.http to
      io.privatelink.httpclient4,
      io.privatelink.httpclient5;
  // The zone table DnsSandbox answers from: the one list of private-link zones.
  exports io.privatelink.core.internal.zones to
      io.privatelink.testkit;
}
