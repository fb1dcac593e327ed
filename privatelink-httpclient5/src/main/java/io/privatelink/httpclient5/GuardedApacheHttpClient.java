package io.privatelink.httpclient5;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.PooledClientBuilder;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.httpclient5.internal.GuardedConnections;
import io.privatelink.httpclient5.internal.GuardedRoutePlanner;
import io.privatelink.httpclient5.internal.RedirectFollowingClient;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

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
 * <p>Everything else comes from {@link Builder#from}: default {@code RequestConfig}, interceptors,
 * cookie store, user agent. The guard replaces the connection manager, so pool size and TLS are set
 * here ({@link Builder#sslContext}, {@link Builder#maxConnections}).
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

  /**
   * Builds a guarded Apache HttpClient 5: the guard's settings are those of {@link
   * io.privatelink.core.GuardedClientBuilder}, the pool's those of {@link PooledClientBuilder}.
   */
  public static final class Builder extends PooledClientBuilder<Builder, HttpClientBuilder> {
    private Builder() {
      super("GuardedApacheHttpClient");
    }

    /**
     * Builds the guarded client; close it when done (it owns its connection pool).
     *
     * @return a new client that verifies every host before it connects
     * @throws IllegalStateException if no resolver was set
     */
    public CloseableHttpClient build() {
      ConnectionGuard g = guard();
      CloseableHttpClient inner =
          source(HttpClientBuilder::create)
              .setConnectionManager(GuardedConnections.pool(g, tls(), poolSize()))
              .setRoutePlanner(new GuardedRoutePlanner())
              .setProxy(null)
              .disableRedirectHandling()
              .setRetryStrategy(DefaultHttpRequestRetryStrategy.INSTANCE)
              .build();
      return new RedirectFollowingClient(inner, g);
    }
  }
}
