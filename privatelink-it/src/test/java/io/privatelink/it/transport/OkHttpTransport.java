package io.privatelink.it.transport;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** {@link GuardedHttpClient} on whichever OkHttp (4.12 or 5.x) the test classpath holds. */
final class OkHttpTransport implements GuardedTransport {

  @Override
  public String name() {
    return "OkHttp " + OkHttp.VERSION;
  }

  @Override
  public Client build(PrivateLinkResolver resolver, TestCertificates trust, GuardMetrics metrics) {
    return new OkClient(guardedClient(resolver, trust, metrics));
  }

  /** The guarded OkHttp client an app builds: trusting {@code trust}, counting into metrics. */
  static OkHttpClient guardedClient(
      PrivateLinkResolver resolver, TestCertificates trust, GuardMetrics metrics) {
    OkHttpClient source =
        new OkHttpClient.Builder()
            .sslSocketFactory(trust.clientSocketFactory(), trust.trustManager())
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    return GuardedHttpClient.builder().resolver(resolver).from(source).metrics(metrics).build();
  }

  private record OkClient(OkHttpClient client) implements Client {
    @Override
    public Reply get(String url, Map<String, String> headers) throws IOException {
      Request.Builder request = new Request.Builder().url(url);
      headers.forEach(request::header);
      try (Response response = client.newCall(request.build()).execute()) {
        return new Reply(response.code(), response.body().string());
      }
    }

    @Override
    public Client derivedFollowingRedirects() {
      return new OkClient(
          client.newBuilder().followRedirects(true).followSslRedirects(true).build());
    }

    @Override
    public void close() {
      client.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
