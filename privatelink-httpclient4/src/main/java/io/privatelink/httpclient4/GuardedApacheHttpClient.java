package io.privatelink.httpclient4;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.internal.http.PooledTransportSettings;
import io.privatelink.httpclient4.internal.GuardedRoutePlanner;
import io.privatelink.httpclient4.internal.GuardedSocketFactories;
import io.privatelink.httpclient4.internal.RedirectFollowingClient;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.jspecify.annotations.Nullable;

/**
 * Builds an Apache HttpClient 4.5 {@link CloseableHttpClient} whose every connection is proven
 * private before it opens: the same guard as {@code GuardedHttpClient} (OkHttp), for apps on HAPI
 * FHIR's default transport.
 *
 * <pre>{@code
 * CloseableHttpClient http = GuardedApacheHttpClient.builder()
 *     .resolver(resolver)
 *     .from(HttpClients.custom().setUserAgent("my-fhir-app"))   // optional: your settings
 *     .build();
 * ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(ctx);
 * factory.setHttpClient(http);
 * ctx.setRestfulClientFactory(factory);
 * IGenericClient client = ctx.newRestfulGenericClient(serverBase);
 * }</pre>
 *
 * <p>(The README's "HAPI on Apache" lines; {@code HapiOnApacheTest} runs them.) The guard owns
 * these pieces of the client, through Apache's own seams:
 *
 * <ul>
 *   <li>the {@code DnsResolver} of its connection manager: only verified addresses are returned; a
 *       refusal throws {@link PrivateLinkException} before any socket exists;
 *   <li>the {@code http} and {@code https} connection socket factories: each socket re-checks the
 *       exact address at {@code connect()} (IP-literal URLs included) and never uses SOCKS;
 *   <li>the route planner: always direct. {@code http(s).proxyHost}, {@code HTTPS_PROXY}-style
 *       settings and the JVM's {@code ProxySelector} are never read, and a request whose {@code
 *       RequestConfig} names a proxy is refused;
 *   <li>redirects: Apache's own following is off; the guard follows hop by hop with the rules of
 *       {@code GuardedHttpClient} (https-to-http refused, {@code Authorization} and {@code Cookie}
 *       dropped cross-origin, each hop verified like the first), unless the request's {@code
 *       RequestConfig} disables redirects;
 *   <li>the retry handler: Apache's default, which never retries an {@code UnknownHostException} (a
 *       refusal is one) and has no other route to try.
 * </ul>
 *
 * <p>Everything else comes from {@link Builder#from(HttpClientBuilder)}: timeouts and default
 * {@code RequestConfig}, interceptors, cookie store, user agent. The guard replaces the connection
 * manager, so pool sizes and TLS are set here ({@link Builder#sslContext}, {@link
 * Builder#maxConnections}).
 */
public final class GuardedApacheHttpClient {

  private GuardedApacheHttpClient() {}

  /**
   * A new builder. {@link Builder#resolver} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a guarded Apache HttpClient 4.5. */
  public static final class Builder {
    private final PooledTransportSettings settings =
        new PooledTransportSettings("GuardedApacheHttpClient");
    private @Nullable HttpClientBuilder from;

    private Builder() {}

    /**
     * The resolver that verifies every host. Required.
     *
     * @param resolver the resolver; required
     * @return this builder
     */
    public Builder resolver(PrivateLinkResolver resolver) {
      settings.resolver(resolver);
      return this;
    }

    /**
     * The builder to start from (not reused afterwards): its request config, interceptors, cookie
     * store and user agent are kept; the pieces the guard owns are replaced. Default: {@link
     * HttpClientBuilder#create()}. Never call {@code useSystemProperties()} on it: the guard
     * overrides the proxy and socket settings it would read, but not the rest.
     *
     * @param builder the Apache builder to start from
     * @return this builder
     */
    public Builder from(HttpClientBuilder builder) {
      this.from = Objects.requireNonNull(builder, "builder");
      return this;
    }

    /**
     * The TLS context for https (trust, client certificates). Default: {@link
     * SSLContext#getDefault()}, the JVM's trust store.
     *
     * @param sslContext the TLS context for https connections
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      settings.sslContext(sslContext);
      return this;
    }

    /**
     * The most pooled connections, in total and per route. Default 20.
     *
     * @param max the pool size, in total and per route; at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is less than 1
     */
    public Builder maxConnections(int max) {
      settings.maxConnections(max);
      return this;
    }

    /**
     * Refuses requests to any host not named here, before DNS (URLs or host names).
     *
     * @param hostsOrUrls the hosts (or URLs) allowed
     * @return this builder
     * @throws IllegalArgumentException if a host is malformed
     */
    public Builder allowedHosts(String... hostsOrUrls) {
      return allowedHosts(List.of(hostsOrUrls));
    }

    /**
     * Same as {@link #allowedHosts(String...)}.
     *
     * @param hostsOrUrls the hosts (or URLs) allowed
     * @return this builder
     * @throws IllegalArgumentException if a host is malformed
     */
    public Builder allowedHosts(Collection<String> hostsOrUrls) {
      settings.allowedHosts(hostsOrUrls);
      return this;
    }

    /**
     * Follows https-to-http redirects (still verified, but in clear text). Off by default.
     *
     * @param allow {@code true} to follow https-to-http redirects
     * @return this builder
     */
    public Builder allowHttpsToHttpRedirects(boolean allow) {
      settings.allowHttpsToHttpRedirects(allow);
      return this;
    }

    /**
     * Where to count verifications, refusals and connects.
     *
     * @param metrics the counters to update; shared with whoever reads them
     * @return this builder
     */
    public Builder metrics(GuardMetrics metrics) {
      settings.metrics(metrics);
      return this;
    }

    /**
     * Builds the guarded client; close it when done (it owns its connection pool).
     *
     * @return a new client that verifies every host before it connects
     * @throws IllegalStateException if no resolver was set
     */
    public CloseableHttpClient build() {
      ConnectionGuard g = settings.guard();
      SSLContext tls = settings.tls();
      int maxConnections = settings.maxConnections();
      PoolingHttpClientConnectionManager pool =
          new PoolingHttpClientConnectionManager(
              RegistryBuilder.<ConnectionSocketFactory>create()
                  .register("http", GuardedSocketFactories.plain(g))
                  .register("https", GuardedSocketFactories.tls(g, tls))
                  .build(),
              host -> g.verify(host).toArray(new InetAddress[0]));
      pool.setMaxTotal(maxConnections);
      pool.setDefaultMaxPerRoute(maxConnections);
      HttpClientBuilder b = from != null ? from : HttpClientBuilder.create();
      CloseableHttpClient inner =
          b.setConnectionManager(pool)
              .setRoutePlanner(new GuardedRoutePlanner())
              .setProxy(null)
              .disableRedirectHandling()
              .setRetryHandler(new DefaultHttpRequestRetryHandler())
              .build();
      return new RedirectFollowingClient(inner, g);
    }
  }
}
