package io.privatelink.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import java.io.UncheckedIOException;
import reactor.core.publisher.Mono;

/**
 * azure-core's OkHttp client with the host verified before the call is handed to it. A refusal
 * fails the call here, so azure-core's {@code OkHttpAsyncHttpClient.sendSync} never sees it: it
 * logs every failed call at ERROR with a stack trace, a flood when a link is broken. The
 * resolver's own WARN (once per host per interval) is then the only log line. The transport still
 * verifies at DNS and connect time (a cache hit), so nothing is weaker when this check passes.
 */
final class RefusingHttpClient implements HttpClient {

  private final HttpClient delegate;
  private final PrivateLinkResolver resolver;

  RefusingHttpClient(HttpClient delegate, PrivateLinkResolver resolver) {
    this.delegate = delegate;
    this.resolver = resolver;
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return send(request, Context.NONE);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    try {
      resolver.resolve(request.getUrl().getHost());
    } catch (PrivateLinkException e) {
      return Mono.error(new UncheckedIOException(e.getMessage(), e));
    }
    return delegate.send(request, context);
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    try {
      resolver.resolve(request.getUrl().getHost());
    } catch (PrivateLinkException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    return delegate.sendSync(request, context);
  }
}
