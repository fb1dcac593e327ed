package io.privatelink.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.privatelink.core.PrivateLinkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import reactor.core.publisher.Mono;

/**
 * azure-core's OkHttp client with its synchronous refusals kept out of azure-core's ERROR log.
 * {@code OkHttpAsyncHttpClient.sendSync} logs every {@link IOException} at ERROR with a stack trace
 * before rethrowing it: a flood when a link is broken. Here, on the calling thread of a synchronous
 * call only, an interceptor turns a guard refusal into the {@link UncheckedIOException} azure-core
 * would have thrown anyway, which passes its {@code catch (IOException)} unlogged. The resolver's
 * own WARN (once per host per interval) is then the only log line. Nothing is checked twice; the
 * asynchronous path (which does not log) is untouched.
 */
final class QuietRefusalHttpClient implements HttpClient {

  // Set while this thread runs a synchronous call: OkHttp runs its interceptors on that thread.
  private static final ThreadLocal<Boolean> SYNC_CALL = ThreadLocal.withInitial(() -> false);

  private final HttpClient delegate;

  QuietRefusalHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  /**
   * {@code client} with the interceptor that lets synchronous refusals pass azure-core unlogged.
   */
  static OkHttpClient withQuietRefusals(OkHttpClient client) {
    return client.newBuilder().addInterceptor(QuietRefusalHttpClient::proceed).build();
  }

  private static Response proceed(Interceptor.Chain chain) throws IOException {
    try {
      return chain.proceed(chain.request());
    } catch (IOException e) {
      if (SYNC_CALL.get() && PrivateLinkException.find(e).isPresent()) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
      throw e;
    }
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request) {
    return delegate.send(request);
  }

  @Override
  public Mono<HttpResponse> send(HttpRequest request, Context context) {
    return delegate.send(request, context);
  }

  @Override
  public HttpResponse sendSync(HttpRequest request, Context context) {
    boolean outer = SYNC_CALL.get();
    SYNC_CALL.set(true);
    try {
      return delegate.sendSync(request, context);
    } finally {
      SYNC_CALL.set(outer);
    }
  }
}
