package io.privatelink.testkit;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/** Turns a Jetty request into a {@link RecordedRequest}. */
final class Requests {

  private Requests() {}

  /**
   * Describes {@code request}; {@code body} may be {@code null} when the caller did not read it.
   */
  static RecordedRequest describe(Request request, @Nullable String body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers
          .computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>())
          .add(field.getValue());
    }
    headers.replaceAll((name, values) -> List.copyOf(values));
    return new RecordedRequest(
        request.getMethod(),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        request.getHeaders().get(HttpHeader.HOST),
        request.getHeaders().get(HttpHeader.AUTHORIZATION),
        request.getHeaders().get(HttpHeader.COOKIE),
        sniServerName(request),
        inet(request.getConnectionMetaData().getRemoteSocketAddress()),
        headers,
        body == null ? "" : body);
  }

  private static @Nullable String sniServerName(Request request) {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (!(endPoint instanceof SslConnection.SslEndPoint ssl)) {
      return null;
    }
    SSLSession session = ssl.getSslConnection().getSSLEngine().getSession();
    if (!(session instanceof ExtendedSSLSession extended)) {
      return null;
    }
    for (SNIServerName name : extended.getRequestedServerNames()) {
      if (name instanceof SNIHostName host) {
        return host.getAsciiName();
      }
    }
    return null;
  }

  private static InetSocketAddress inet(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet;
    }
    throw new IllegalStateException("not a TCP end point: " + address); // testkit servers are TCP
  }
}
