/**
 * The private-link guard for Azure SDK clients and Entra ID tokens: {@link
 * io.privatelink.azure.GuardedAzureHttpClient}, {@link
 * io.privatelink.azure.GuardedHttpClientProvider} and {@link
 * io.privatelink.azure.EntraTokenInterceptor}. Its {@code internal} package is exported only to the
 * HAPI adapter, which shares its Entra token cache.
 */
module io.privatelink.azure {
  requires transitive io.privatelink.core;
  // HttpClient, TokenCredential and HttpClientProvider are in the API.
  requires transitive com.azure.core;
  requires com.azure.core.http.okhttp;
  requires reactor.core;
  requires org.slf4j;
  requires static transitive org.jspecify; // annotations only: not needed at run time

  exports io.privatelink.azure;
  // One Entra token cache for OkHttp and HAPI traffic (no duplication across modules).
  exports io.privatelink.azure.internal to
      io.privatelink.hapi;

  // What META-INF/services registers on the class path, for the module path.
  provides com.azure.core.http.HttpClientProvider with
      io.privatelink.azure.GuardedHttpClientProvider;
}
