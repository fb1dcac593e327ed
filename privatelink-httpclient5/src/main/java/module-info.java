/**
 * The private-link guard for Apache HttpClient 5: {@link
 * io.privatelink.httpclient5.GuardedApacheHttpClient}. Its {@code internal} package is not
 * exported.
 */
module io.privatelink.httpclient5 {
  requires transitive io.privatelink.core;
  requires transitive org.apache.httpcomponents.client5.httpclient5; // the client it returns
  requires transitive org.apache.httpcomponents.core5.httpcore5;

  exports io.privatelink.httpclient5;
}
