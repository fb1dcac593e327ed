package io.privatelink.httpclient4.internal;

import io.privatelink.core.internal.http.DirectRoutes;
import org.apache.http.HttpException;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.conn.UnsupportedSchemeException;
import org.apache.http.conn.routing.HttpRoute;
import org.apache.http.conn.routing.HttpRoutePlanner;
import org.apache.http.impl.conn.DefaultSchemePortResolver;
import org.apache.http.protocol.HttpContext;

/**
 * Every route is direct: a proxy resolves the target itself, out of the guard's sight. A request
 * whose {@code RequestConfig} names a proxy is refused rather than silently sent direct.
 */
public final class GuardedRoutePlanner implements HttpRoutePlanner {

  @Override
  public HttpRoute determineRoute(HttpHost host, HttpRequest request, HttpContext context)
      throws HttpException {
    RequestConfig config = HttpClientContext.adapt(context).getRequestConfig();
    if (config != null && config.getProxy() != null) {
      throw new HttpException(DirectRoutes.proxyRefused(config.getProxy()));
    }
    HttpHost target = host;
    if (host.getPort() <= 0) {
      try {
        target =
            new HttpHost(
                host.getHostName(),
                DefaultSchemePortResolver.INSTANCE.resolve(host),
                host.getSchemeName());
      } catch (UnsupportedSchemeException e) {
        throw new HttpException(e.getMessage(), e);
      }
    }
    return new HttpRoute(target, null, "https".equalsIgnoreCase(target.getSchemeName()));
  }
}
