package io.privatelink.httpclient5.internal;

import io.privatelink.core.internal.http.DirectRoutes;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Every route is direct: a proxy resolves the target itself, out of the guard's sight. A request
 * whose {@code RequestConfig} names a proxy is refused rather than silently sent direct.
 */
public final class GuardedRoutePlanner implements HttpRoutePlanner {

  @Override
  @SuppressWarnings("deprecation") // RequestConfig.getProxy: deprecated, still honoured by Apache
  public HttpRoute determineRoute(HttpHost host, HttpContext context) throws HttpException {
    RequestConfig config = HttpClientContext.castOrCreate(context).getRequestConfig();
    if (config != null && config.getProxy() != null) {
      throw new HttpException(DirectRoutes.proxyRefused(config.getProxy()));
    }
    HttpHost target = host;
    if (host.getPort() <= 0) {
      target =
          new HttpHost(
              host.getSchemeName(),
              host.getHostName(),
              DefaultSchemePortResolver.INSTANCE.resolve(host));
    }
    return new HttpRoute(target, null, "https".equalsIgnoreCase(target.getSchemeName()));
  }
}
