package io.privatelink.httpclient5.internal;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.internal.http.RedirectRules;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.utils.URIUtils;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;

/**
 * Follows redirects for a client whose own redirect handling is off, by the guard's {@link
 * RedirectRules}, so that the same hop gets the same decision on every transport.
 */
public final class RedirectFollowingClient extends CloseableHttpClient {
  private final CloseableHttpClient inner;
  private final ConnectionGuard guard;

  public RedirectFollowingClient(CloseableHttpClient inner, ConnectionGuard guard) {
    this.inner = inner;
    this.guard = guard;
  }

  @Override
  protected CloseableHttpResponse doExecute(
      HttpHost target, ClassicHttpRequest request, HttpContext context) throws IOException {
    HttpClientContext ctx = HttpClientContext.castOrCreate(context != null ? context : HttpClientContext.create());
    HttpHost host = target;
    ClassicHttpRequest current = request;
    URI uri = absolute(target, request);
    guard.checkAllowedHost(uri.getHost());
    for (int hops = 0; ; hops++) {
      CloseableHttpResponse response = inner.execute(host, current, ctx);
      int status = response.getCode();
      Header location = response.getFirstHeader("Location");
      if (!RedirectRules.isRedirect(status) || location == null || !redirectsEnabled(ctx)) {
        return response;
      }
      ConnectionGuard.RedirectHop hop;
      try {
        hop = guard.redirect(uri, location.getValue(), status, current.getMethod());
      } catch (IOException e) {
        response.close();
        throw e;
      }
      HttpEntity body = current.getEntity();
      if (hop.keepsBody() && body != null && !body.isRepeatable()) {
        return response; // the body cannot be replayed: hand the redirect to the caller
      }
      EntityUtils.consumeQuietly(response.getEntity());
      response.close();
      if (hops + 1 > RedirectRules.MAX_HOPS) {
        throw new ClientProtocolException("Too many follow-up requests: " + (hops + 1));
      }
      current = nextRequest(current, hop, body);
      uri = hop.target();
      host = URIUtils.extractHost(uri);
    }
  }

  private static ClassicHttpRequest nextRequest(
      ClassicHttpRequest current, ConnectionGuard.RedirectHop hop, HttpEntity body) {
    ClassicRequestBuilder next = ClassicRequestBuilder.create(hop.method()).setUri(hop.target());
    boolean dropBody = !hop.keepsBody() || body == null;
    for (Header h : current.getHeaders()) {
      String name = h.getName();
      if (hop.dropsHeader(name)) {
        continue;
      }
      if (dropBody && (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Transfer-Encoding"))) {
        continue;
      }
      if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Content-Length")) {
        continue; // recomputed for the new request
      }
      next.addHeader(h);
    }
    if (!dropBody) {
      next.setEntity(body);
    }
    return next.build();
  }

  private static boolean redirectsEnabled(HttpClientContext ctx) {
    RequestConfig config = ctx.getRequestConfig();
    return config == null || config.isRedirectsEnabled();
  }

  private static URI absolute(HttpHost target, ClassicHttpRequest request) throws ClientProtocolException {
    try {
      URI uri = request.getUri();
      if (uri.isAbsolute()) {
        return uri;
      }
      if (target == null) {
        throw new ClientProtocolException("no target host for " + uri);
      }
      return URIUtils.rewriteURI(uri, target);
    } catch (URISyntaxException e) {
      throw new ClientProtocolException(e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }

  @Override
  public void close(CloseMode mode) {
    inner.close(mode);
  }
}
