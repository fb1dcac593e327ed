package io.privatelink.httpclient4.internal;

import io.privatelink.core.ConnectionGuard;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.protocol.HttpContext;

/**
 * Apache's connection socket factories with the guard's sockets underneath: Apache calls {@code
 * connect()} on the socket {@code createSocket} returns, and that connect re-checks the exact
 * address against the policy (TLS is layered on afterwards, with the original host name).
 */
public final class GuardedSocketFactories {

  private GuardedSocketFactories() {}

  /** For {@code http}. */
  public static ConnectionSocketFactory plain(ConnectionGuard guard) {
    return new PlainConnectionSocketFactory() {
      @Override
      public Socket createSocket(HttpContext context) throws IOException {
        return guard.socketFactory().createSocket();
      }
    };
  }

  /** For {@code https}, with Apache's default host name verification. */
  public static ConnectionSocketFactory tls(ConnectionGuard guard, SSLContext sslContext) {
    return new SSLConnectionSocketFactory(
        sslContext, SSLConnectionSocketFactory.getDefaultHostnameVerifier()) {
      @Override
      public Socket createSocket(HttpContext context) throws IOException {
        return guard.socketFactory().createSocket();
      }
    };
  }
}
