/**
 * The private-link guard for Apache HttpClient 4.5: {@link
 * io.privatelink.httpclient4.GuardedApacheHttpClient}. Its {@code internal} package is not
 * exported.
 */
module io.privatelink.httpclient4 {
  requires transitive io.privatelink.core;
  requires transitive org.apache.httpcomponents.httpclient; // the client it returns
  requires org.apache.httpcomponents.httpcore;

  exports io.privatelink.httpclient4;
}
