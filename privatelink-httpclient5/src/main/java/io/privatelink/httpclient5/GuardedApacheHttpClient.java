package io.privatelink.httpclient5;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.internal.http.PooledTransportSettings;
import io.privatelink.httpclient5.internal.GuardedConnections;
import io.privatelink.httpclient5.internal.GuardedRoutePlanner;
import io.privatelink.httpclient5.internal.RedirectFollowingClient;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Builds an Apache HttpClient 5 (classic API) {@link CloseableHttpClient} whose every connection is
 * proven private before it opens: the same guard as {@code GuardedHttpClient} (OkHttp), for apps on
 * HttpClient 5 (Spring Boot 3/4's {@code RestClient} and {@code RestTemplate} use it).
 *
 * <pre>{@code
 * CloseableHttpClient http = GuardedApacheHttpClient.builder().resolver(resolver).build();
 * String body = http.execute(new HttpGet(serverBase + "metadata"),
 *     response -> EntityUtils.toString(response.getEntity()));
 * }</pre>
 *
 * <p>The guard owns these pieces of the client, through Apache's own seams:
 *
 * <ul>
 *   <li>the {@code DnsResolver} of its connection manager: only verified addresses are returned; a
 *       refusal throws {@link PrivateLinkException} before any socket exists;
 *   <li>the sockets (the connection operator's {@code DetachedSocketFactory}): each re-checks the
 *       exact address at {@code connect()} (IP-literal URLs included); a SOCKS proxy from a {@code
 *       SocketConfig} is refused;
 *   <li>the route planner: always direct. {@code http(s).proxyHost}, {@code HTTPS_PROXY}-style
 *       settings and the JVM's {@code ProxySelector} are never read, and a request whose {@code
 *       RequestConfig} names a proxy is refused;
 *   <li>redirects: Apache's own following is off; the guard follows hop by hop with the rules of
 *       {@code GuardedHttpClient} (https-to-http refused, {@code Authorization} and {@code Cookie}
 *       dropped cross-origin, each hop verified like the first), unless the request's {@code
 *       RequestConfig} disables redirects;
 *   <li>the retry strategy: Apache's default, which never retries an {@code UnknownHostException}
 *       (a refusal is one) and has no other route to try.
 * </ul>
 *
 * <p>Everything else comes from {@link Builder#from(HttpClientBuilder)}: default {@code
 * RequestConfig}, interceptors, cookie store, user agent. The guard replaces the connection
 * manager, so pool size and TLS are set here ({@link Builder#sslContext}, {@link
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

  /** Builds a guarded Apache HttpClient 5. */
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
     * HttpClientBuilder#create()}.
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
      HttpClientBuilder b = from != null ? from : HttpClientBuilder.create();
      CloseableHttpClient inner =
          b.setConnectionManager(GuardedConnections.pool(g, tls, maxConnections))
              .setRoutePlanner(new GuardedRoutePlanner())
              .setProxy(null)
              .disableRedirectHandling()
              .setRetryStrategy(DefaultHttpRequestRetryStrategy.INSTANCE)
              .build();
      return new RedirectFollowingClient(inner, g);
    }
  }
}
