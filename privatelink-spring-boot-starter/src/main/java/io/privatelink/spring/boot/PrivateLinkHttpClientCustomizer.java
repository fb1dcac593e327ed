package io.privatelink.spring.boot;

import okhttp3.OkHttpClient;

/**
 * Shapes the OkHttp client the starter guards (timeouts, TLS trust, your interceptors) before the
 * guard takes over its DNS, socket factory, proxy and redirects. Declare one or more as beans; they
 * apply to the {@code privateLinkHttpClient} bean and so to every FHIR client of the starter.
 *
 * <pre>{@code
 * @Bean
 * PrivateLinkHttpClientCustomizer timeouts() {
 *   return builder -> builder.callTimeout(Duration.ofMinutes(2));
 * }
 * }</pre>
 *
 * <p>Called once, on the thread that creates the bean. What it sets on DNS, sockets or proxies is
 * replaced by the guard.
 */
@FunctionalInterface
public interface PrivateLinkHttpClientCustomizer {

  /**
   * Changes the builder of the client that is about to be guarded.
   *
   * @param builder the builder, before the guard takes over its DNS, socket factory and proxy
   */
  void customize(OkHttpClient.Builder builder);
}
