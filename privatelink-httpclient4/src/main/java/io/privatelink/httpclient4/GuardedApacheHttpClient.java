package io.privatelink.httpclient4;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.PooledClientBuilder;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.httpclient4.internal.GuardedRoutePlanner;
import io.privatelink.httpclient4.internal.GuardedSocketFactories;
import io.privatelink.httpclient4.internal.RedirectFollowingClient;
import java.net.InetAddress;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

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
 * <p>Everything else comes from {@link Builder#from}: timeouts and default {@code RequestConfig},
 * interceptors, cookie store, user agent. The guard replaces the connection manager, so pool sizes
 * and TLS are set here ({@link Builder#sslContext}, {@link Builder#maxConnections}). Never call
 * {@code useSystemProperties()} on the builder you start from: the guard overrides the proxy and
 * socket settings it would read, but not the rest.
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
   * Builds a guarded Apache HttpClient 4.5: the guard's settings are those of {@link
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
      PoolingHttpClientConnectionManager pool =
          new PoolingHttpClientConnectionManager(
              RegistryBuilder.<ConnectionSocketFactory>create()
                  .register("http", GuardedSocketFactories.plain(g))
                  .register("https", GuardedSocketFactories.tls(g, tls()))
                  .build(),
              host -> g.verify(host).toArray(new InetAddress[0]));
      pool.setMaxTotal(poolSize());
      pool.setDefaultMaxPerRoute(poolSize());
      CloseableHttpClient inner =
          source(HttpClientBuilder::create)
              .setConnectionManager(pool)
              .setRoutePlanner(new GuardedRoutePlanner())
              .setProxy(null)
              .disableRedirectHandling()
              .setRetryHandler(new DefaultHttpRequestRetryHandler())
              .build();
      return new RedirectFollowingClient(inner, g);
    }
  }
}
