package io.privatelink.it.transport;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.httpclient5.GuardedApacheHttpClient;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.util.Map;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.VersionInfo;
import org.jspecify.annotations.Nullable;

/** {@code privatelink-httpclient5}: the guarded Apache HttpClient 5 (classic API). */
final class ApacheHttpClient5Transport implements GuardedTransport {

  @Override
  public String name() {
    VersionInfo v =
        VersionInfo.loadVersionInfo("org.apache.hc.client5", getClass().getClassLoader());
    return "Apache HttpClient " + (v == null ? "5" : v.getRelease());
  }

  @Override
  public Client build(PrivateLinkResolver resolver, TestCertificates trust, GuardMetrics metrics) {
    CloseableHttpClient http =
        GuardedTransport.pooled(GuardedApacheHttpClient.builder(), resolver, trust, metrics)
            .build();
    return new Apache5Client(http, null);
  }

  /**
   * The client, and the request config an app puts in each request's context (HttpClient 5's way to
   * set per-request settings), or none.
   */
  private record Apache5Client(CloseableHttpClient http, @Nullable RequestConfig config)
      implements Client {
    @Override
    public Reply get(String url, Map<String, String> headers) throws IOException {
      ClassicRequestBuilder get = ClassicRequestBuilder.get(url);
      headers.forEach(get::setHeader);
      HttpClientContext context = HttpClientContext.create();
      if (config != null) {
        context.setRequestConfig(config);
      }
      return http.execute(
          get.build(),
          context,
          response -> new Reply(response.getCode(), EntityUtils.toString(response.getEntity())));
    }

    @Override
    public Client derivedFollowingRedirects() {
      RequestConfig following =
          RequestConfig.custom()
              .setRedirectsEnabled(true)
              .setCircularRedirectsAllowed(true)
              .build();
      return new Apache5Client(http, following);
    }

    @Override
    public void close() throws IOException {
      http.close();
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
