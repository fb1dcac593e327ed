package io.privatelink.httpclient4.internal;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.internal.http.RedirectRules;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.ClientProtocolException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.client.utils.URIUtils;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;

/**
 * Follows redirects for a client whose own redirect handling is off, by the guard's {@link
 * RedirectRules}: Apache's {@code RedirectExec} would copy every original header (Authorization and
 * Cookie included) onto a hop to another host, and follow https to http.
 */
public final class RedirectFollowingClient extends CloseableHttpClient {
  private final CloseableHttpClient inner;
  private final ConnectionGuard guard;

  public RedirectFollowingClient(CloseableHttpClient inner, ConnectionGuard guard) {
    this.inner = inner;
    this.guard = guard;
  }

  @Override
  protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
      throws IOException {
    HttpClientContext ctx = HttpClientContext.adapt(context != null ? context : HttpClientContext.create());
    HttpHost host = target;
    HttpRequest current = request;
    URI uri = absolute(target, request);
    guard.checkAllowedHost(uri.getHost());
    for (int hops = 0; ; hops++) {
      CloseableHttpResponse response = inner.execute(host, current, ctx);
      int status = response.getStatusLine().getStatusCode();
      Header location = response.getFirstHeader("Location");
      if (!RedirectRules.isRedirect(status) || location == null || !redirectsEnabled(ctx)) {
        return response;
      }
      String method = current.getRequestLine().getMethod();
      ConnectionGuard.RedirectHop hop;
      try {
        hop = guard.redirect(uri, location.getValue(), status, method);
      } catch (IOException e) {
        response.close();
        throw e;
      }
      HttpEntity body =
          current instanceof HttpEntityEnclosingRequest enclosing ? enclosing.getEntity() : null;
      if (hop.keepsBody() && body != null && !body.isRepeatable()) {
        return response; // the body cannot be replayed: hand the redirect to the caller
      }
      EntityUtils.consumeQuietly(response.getEntity());
      response.close();
      if (hops + 1 > RedirectRules.MAX_HOPS) {
        throw new ClientProtocolException(
            new ProtocolException("Too many follow-up requests: " + (hops + 1)));
      }
      current = nextRequest(current, hop, body);
      uri = hop.target();
      host = URIUtils.extractHost(uri);
    }
  }

  private static HttpUriRequest nextRequest(HttpRequest current, ConnectionGuard.RedirectHop hop, HttpEntity body) {
    RequestBuilder next = RequestBuilder.create(hop.method()).setUri(hop.target());
    boolean dropBody = !hop.keepsBody() || body == null;
    for (Header h : current.getAllHeaders()) {
      String name = h.getName();
      if (hop.dropsHeader(name)) {
        continue;
      }
      if (dropBody
          && (name.equalsIgnoreCase("Content-Length")
              || name.equalsIgnoreCase("Content-Type")
              || name.equalsIgnoreCase("Transfer-Encoding"))) {
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
    if (current instanceof org.apache.http.client.methods.Configurable configurable
        && configurable.getConfig() != null) {
      next.setConfig(configurable.getConfig());
    }
    return next.build();
  }

  private static boolean redirectsEnabled(HttpClientContext ctx) {
    RequestConfig config = ctx.getRequestConfig();
    return config == null || config.isRedirectsEnabled();
  }

  private static URI absolute(HttpHost target, HttpRequest request) throws ClientProtocolException {
    try {
      URI uri =
          request instanceof HttpUriRequest u ? u.getURI() : new URI(request.getRequestLine().getUri());
      if (uri.isAbsolute()) {
        return uri;
      }
      if (target == null) {
        throw new ClientProtocolException("no target host for " + uri);
      }
      return URIUtils.rewriteURI(uri, target);
    } catch (URISyntaxException e) {
      throw new ClientProtocolException(e);
    }
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }

  @Override
  @Deprecated
  public HttpParams getParams() {
    return inner.getParams();
  }

  @Override
  @Deprecated
  public ClientConnectionManager getConnectionManager() {
    return inner.getConnectionManager();
  }
}
