package io.privatelink.benchmarks.load;

import io.privatelink.benchmarks.BenchHosts;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PooledClientBuilder;
import io.privatelink.core.PrivateLinkResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.net.ssl.SSLContext;

/**
 * Guarded and plain Apache HttpClient 4.5 and 5 for the load harness, built alike: the same pool
 * size as {@link HttpFixture#base()}, TLS trusting only the test CA, Apache's default socket
 * settings (Nagle off in both). The plain ones pin the host in their {@code DnsResolver}, as a user
 * would; the guarded ones verify through the sandbox.
 */
final class ApacheClients {
  static final int POOL = 16;

  /** One Apache client under load: executes and drains one GET, failing on anything but 200. */
  interface Client extends AutoCloseable {
    void get(String url) throws IOException;

    @Override
    void close() throws IOException;
  }

  private ApacheClients() {}

  static Client guarded4(PrivateLinkResolver resolver, SSLContext tls, int expectedLength) {
    return client4(
        guard(io.privatelink.httpclient4.GuardedApacheHttpClient.builder(), resolver, tls).build(),
        expectedLength);
  }

  /** The guard's settings, the same for both versions: the sandbox's resolver, TLS, the pool. */
  private static <B extends PooledClientBuilder<B, ?>> B guard(
      B builder, PrivateLinkResolver resolver, SSLContext tls) {
    return builder
        .resolver(resolver)
        .sslContext(tls)
        .maxConnections(POOL)
        .metrics(new GuardMetrics());
  }

  /**
   * An Apache 4 {@code DnsResolver} that answers {@code ip} for {@code host} and refuses every
   * other name, as a user pinning a host would (also HAPI's Apache side in {@link HapiComparison}).
   */
  static org.apache.http.conn.DnsResolver pinned4(String host, String ip) {
    InetAddress[] pinned = pin(ip);
    return name -> {
      if (name.equals(host)) {
        return pinned.clone();
      }
      throw new UnknownHostException("not pinned: " + name);
    };
  }

  static Client plain4(String host, String ip, SSLContext tls, int expectedLength) {
    org.apache.http.impl.conn.PoolingHttpClientConnectionManager pool =
        new org.apache.http.impl.conn.PoolingHttpClientConnectionManager(
            org.apache.http.config.RegistryBuilder
                .<org.apache.http.conn.socket.ConnectionSocketFactory>create()
                .register(
                    "http",
                    org.apache.http.conn.socket.PlainConnectionSocketFactory.getSocketFactory())
                .register("https", new org.apache.http.conn.ssl.SSLConnectionSocketFactory(tls))
                .build(),
            pinned4(host, ip));
    pool.setMaxTotal(POOL);
    pool.setDefaultMaxPerRoute(POOL);
    return client4(
        org.apache.http.impl.client.HttpClients.custom().setConnectionManager(pool).build(),
        expectedLength);
  }

  private static Client client4(
      org.apache.http.impl.client.CloseableHttpClient http, int expectedLength) {
    return new Client() {
      @Override
      public void get(String url) throws IOException {
        http.execute(
            new org.apache.http.client.methods.HttpGet(url),
            response -> {
              byte[] body = org.apache.http.util.EntityUtils.toByteArray(response.getEntity());
              check(response.getStatusLine().getStatusCode(), body, expectedLength);
              return null;
            });
      }

      @Override
      public void close() throws IOException {
        http.close();
      }
    };
  }

  static Client guarded5(PrivateLinkResolver resolver, SSLContext tls, int expectedLength) {
    return client5(
        guard(io.privatelink.httpclient5.GuardedApacheHttpClient.builder(), resolver, tls).build(),
        expectedLength);
  }

  static Client plain5(String host, String ip, SSLContext tls, int expectedLength) {
    InetAddress[] pinned = pin(ip);
    org.apache.hc.client5.http.io.HttpClientConnectionManager pool =
        org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(
                org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder.create()
                    .setSslContext(tls)
                    .buildClassic())
            .setDnsResolver(
                new org.apache.hc.client5.http.DnsResolver() {
                  @Override
                  public InetAddress[] resolve(String name) throws UnknownHostException {
                    if (name.equals(host)) {
                      return pinned;
                    }
                    throw new UnknownHostException("not pinned: " + name);
                  }

                  @Override
                  public String resolveCanonicalHostname(String name) {
                    return name;
                  }
                })
            .setMaxConnTotal(POOL)
            .setMaxConnPerRoute(POOL)
            .build();
    return client5(
        org.apache.hc.client5.http.impl.classic.HttpClients.custom()
            .setConnectionManager(pool)
            .build(),
        expectedLength);
  }

  private static Client client5(
      org.apache.hc.client5.http.impl.classic.CloseableHttpClient http, int expectedLength) {
    return new Client() {
      @Override
      public void get(String url) throws IOException {
        http.execute(
            new org.apache.hc.client5.http.classic.methods.HttpGet(url),
            response -> {
              byte[] body =
                  org.apache.hc.core5.http.io.entity.EntityUtils.toByteArray(response.getEntity());
              check(response.getCode(), body, expectedLength);
              return null;
            });
      }

      @Override
      public void close() throws IOException {
        http.close();
      }
    };
  }

  private static void check(int status, byte[] body, int expectedLength) throws IOException {
    if (status != 200 || body.length != expectedLength) {
      throw new IOException("unexpected response " + status + ", " + body.length + " bytes");
    }
  }

  private static InetAddress[] pin(String ip) {
    return new InetAddress[] {BenchHosts.literal(ip)};
  }
}
