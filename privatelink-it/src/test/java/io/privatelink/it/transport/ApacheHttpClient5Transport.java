package io.privatelink.it.transport;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.httpclient5.GuardedApacheHttpClient;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.VersionInfo;

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
        GuardedApacheHttpClient.builder()
            .resolver(resolver)
            .sslContext(trust.clientHandshake().sslContext())
            .metrics(metrics)
            .build();
    return new Apache5Client(http, null);
  }

  private record Apache5Client(CloseableHttpClient http, RequestConfig config) implements Client {
    @Override
    public Reply get(String url, Map<String, String> headers) throws IOException {
      HttpGet get = new HttpGet(url);
      headers.forEach(get::setHeader);
      if (config != null) {
        get.setConfig(config);
      }
      return http.execute(get, r -> new Reply(r.getCode(), EntityUtils.toString(r.getEntity())));
    }

    @Override
    public Client derivedFollowingRedirects() {
      return new Apache5Client(
          http,
          RequestConfig.custom()
              .setRedirectsEnabled(true)
              .setCircularRedirectsAllowed(true)
              .build());
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
