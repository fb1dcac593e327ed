package io.privatelink.httpclient5.internal;

import io.privatelink.core.ConnectionGuard;
import io.privatelink.core.ConnectionGuard.RedirectHop;
import io.privatelink.core.internal.http.RedirectFollower;
import io.privatelink.core.internal.http.RedirectRules;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.function.Predicate;
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
import org.jspecify.annotations.Nullable;

/**
 * Follows redirects for a client whose own redirect handling is off, with the loop every guarded
 * transport shares ({@link RedirectFollower}, deciding by {@link RedirectRules}), so that the same
 * hop gets the same decision on every transport.
 */
public final class RedirectFollowingClient extends CloseableHttpClient {
  private final CloseableHttpClient inner;
  private final ConnectionGuard guard;

  public RedirectFollowingClient(CloseableHttpClient inner, ConnectionGuard guard) {
    this.inner = inner;
    this.guard = guard;
  }

  // doExecute must return a CloseableHttpResponse, and only the deprecated execute(host,
  // request, context) gets one from another client (executeOpen's adapter is package-private).
  @SuppressWarnings("deprecation")
  @Override
  protected CloseableHttpResponse doExecute(
      @Nullable HttpHost target, ClassicHttpRequest request, @Nullable HttpContext context)
      throws IOException {
    HttpClientContext ctx =
        HttpClientContext.castOrCreate(context != null ? context : HttpClientContext.create());
    return new Call(target, ctx).follow(absolute(target, request), request);
  }

  /** One call's redirect loop: Apache 5's types adapted to the shared {@link RedirectFollower}. */
  private final class Call extends RedirectFollower<ClassicHttpRequest, CloseableHttpResponse> {
    private final HttpClientContext ctx;
    private @Nullable HttpHost host;

    Call(@Nullable HttpHost target, HttpClientContext ctx) {
      super(guard);
      this.host = target;
      this.ctx = ctx;
    }

    @SuppressWarnings(
        "deprecation") // see doExecute: the only call that yields a CloseableHttpResponse
    @Override
    protected CloseableHttpResponse execute(ClassicHttpRequest request) throws IOException {
      return inner.execute(host, request, ctx);
    }

    @Override
    protected Reply reply(CloseableHttpResponse response) {
      Header location = response.getFirstHeader("Location");
      return new Reply(response.getCode(), location == null ? null : location.getValue());
    }

    @Override
    protected void consume(CloseableHttpResponse response) {
      EntityUtils.consumeQuietly(response.getEntity());
    }

    @Override
    protected String method(ClassicHttpRequest request) {
      return request.getMethod();
    }

    @Override
    protected Body body(ClassicHttpRequest request) {
      return Body.of(request.getEntity(), HttpEntity::isRepeatable);
    }

    @Override
    protected boolean redirectsEnabled() {
      RequestConfig config = ctx.getRequestConfig();
      return config == null || config.isRedirectsEnabled();
    }

    @Override
    protected ClassicHttpRequest next(
        ClassicHttpRequest current, RedirectHop hop, boolean keepBody, Predicate<String> carries) {
      host = URIUtils.extractHost(hop.target());
      ClassicRequestBuilder next = ClassicRequestBuilder.create(hop.method()).setUri(hop.target());
      Arrays.stream(current.getHeaders())
          .filter(h -> carries.test(h.getName()))
          .forEach(next::addHeader);
      return (keepBody ? next.setEntity(current.getEntity()) : next).build();
    }

    @Override
    protected IOException tooManyHops(int hops) {
      return new ClientProtocolException("Too many follow-up requests: " + hops);
    }
  }

  // rewriteURI(URI, HttpHost) is deprecated without a like-for-like replacement: it resolves a
  // relative request URI against the target exactly as the client itself does.
  @SuppressWarnings("deprecation")
  private static URI absolute(@Nullable HttpHost target, ClassicHttpRequest request)
      throws ClientProtocolException {
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
