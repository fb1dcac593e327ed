package io.privatelink.httpclient4.internal;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.ConnectionGuard.RedirectHop;
import io.privatelink.core.internal.http.RedirectFollower;
import io.privatelink.core.internal.http.RedirectRules;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.function.Predicate;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.ClientProtocolException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.Configurable;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.client.utils.URIUtils;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;
import org.jspecify.annotations.Nullable;

/**
 * Follows redirects for a client whose own redirect handling is off, with the loop every guarded
 * transport shares ({@link RedirectFollower}, deciding by {@link RedirectRules}): Apache's {@code
 * RedirectExec} would copy every original header (Authorization and Cookie included) onto a hop to
 * another host, and follow https to http.
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
      HttpHost target, HttpRequest request, HttpContext context) throws IOException {
    HttpClientContext ctx =
        HttpClientContext.adapt(context != null ? context : HttpClientContext.create());
    return new Call(target, ctx).follow(absolute(target, request), request);
  }

  /** One call's redirect loop: Apache 4's types adapted to the shared {@link RedirectFollower}. */
  private final class Call extends RedirectFollower<HttpRequest, CloseableHttpResponse> {
    private final HttpClientContext ctx;
    private HttpHost host;

    Call(HttpHost target, HttpClientContext ctx) {
      super(guard);
      this.host = target;
      this.ctx = ctx;
    }

    @Override
    protected CloseableHttpResponse execute(HttpRequest request) throws IOException {
      return inner.execute(host, request, ctx);
    }

    @Override
    protected Reply reply(CloseableHttpResponse response) {
      Header location = response.getFirstHeader("Location");
      return new Reply(
          response.getStatusLine().getStatusCode(), location == null ? null : location.getValue());
    }

    @Override
    protected void consume(CloseableHttpResponse response) {
      EntityUtils.consumeQuietly(response.getEntity());
    }

    @Override
    protected String method(HttpRequest request) {
      return request.getRequestLine().getMethod();
    }

    @Override
    protected Body body(HttpRequest request) {
      return Body.of(entity(request), HttpEntity::isRepeatable);
    }

    @Override
    protected boolean redirectsEnabled() {
      RequestConfig config = ctx.getRequestConfig();
      return config == null || config.isRedirectsEnabled();
    }

    @Override
    protected HttpRequest next(
        HttpRequest current, RedirectHop hop, boolean keepBody, Predicate<String> carries) {
      host = URIUtils.extractHost(hop.target());
      RequestBuilder next = RequestBuilder.create(hop.method()).setUri(hop.target());
      if (current instanceof Configurable configurable && configurable.getConfig() != null) {
        next.setConfig(configurable.getConfig());
      }
      Arrays.stream(current.getAllHeaders())
          .filter(h -> carries.test(h.getName()))
          .forEach(next::addHeader);
      return (keepBody ? next.setEntity(entity(current)) : next).build();
    }

    @Override
    protected IOException tooManyHops(int hops) {
      return new ClientProtocolException(
          new ProtocolException("Too many follow-up requests: " + hops));
    }
  }

  private static @Nullable HttpEntity entity(HttpRequest request) {
    return request instanceof HttpEntityEnclosingRequest enclosing ? enclosing.getEntity() : null;
  }

  private static URI absolute(HttpHost target, HttpRequest request) throws ClientProtocolException {
    try {
      URI uri =
          request instanceof HttpUriRequest u
              ? u.getURI()
              : new URI(request.getRequestLine().getUri());
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
