package io.privatelink.httpclient5.internal;

import io.privatelink.core.ConnectionGuard;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.SocketException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SchemePortResolver;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;

/**
 * A pooling connection manager whose DNS and sockets are the guard's: the {@link DnsResolver}
 * returns only verified addresses, and every socket (plain, or under TLS, which Apache layers on
 * afterwards with the original host name) re-checks its exact address at {@code connect()}.
 */
public final class GuardedConnections {

  private GuardedConnections() {}

  /** The guarded pool. */
  public static HttpClientConnectionManager pool(
      ConnectionGuard guard, SSLContext sslContext, int maxConnections) {
    DnsResolver dns =
        new DnsResolver() {
          @Override
          public InetAddress[] resolve(String host) throws UnknownHostException {
            return guard.verify(host).toArray(new InetAddress[0]);
          }

          @Override
          public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host; // never a reverse lookup: the name the caller gave is the one verified
          }
        };
    DetachedSocketFactory sockets =
        proxy -> {
          if (proxy != null && proxy.type() != Proxy.Type.DIRECT) {
            throw new SocketException(
                "refused SOCKS proxy "
                    + proxy
                    + " from the SocketConfig: a proxy resolves the target itself and would"
                    + " bypass the private-link check. Remove it.");
          }
          return guard.socketFactory().createSocket();
        };
    TlsSocketStrategy tls =
        ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildClassic();
    return new PoolingHttpClientConnectionManagerBuilder() {
      @Override
      protected HttpClientConnectionOperator createConnectionOperator(
          SchemePortResolver schemePortResolver,
          DnsResolver ignored,
          TlsSocketStrategy ignoredTls) {
        return new DefaultHttpClientConnectionOperator(
            sockets,
            schemePortResolver,
            dns,
            RegistryBuilder.<TlsSocketStrategy>create().register("https", tls).build());
      }
    }.setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections).build();
  }
}
