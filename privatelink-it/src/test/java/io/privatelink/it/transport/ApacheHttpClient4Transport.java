package io.privatelink.it.transport;

import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.httpclient4.GuardedApacheHttpClient;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.util.Map;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.apache.http.util.VersionInfo;

/**
 * {@code privatelink-httpclient4}: the guarded Apache HttpClient 4.5 HAPI's Apache factory uses.
 */
final class ApacheHttpClient4Transport implements GuardedTransport {

  @Override
  public String name() {
    VersionInfo v =
        VersionInfo.loadVersionInfo("org.apache.http.client", getClass().getClassLoader());
    return "Apache HttpClient " + (v == null ? "4" : v.getRelease());
  }

  @Override
  public Client build(PrivateLinkResolver resolver, TestCertificates trust, GuardMetrics metrics) {
    CloseableHttpClient http =
        GuardedTransport.pooled(GuardedApacheHttpClient.builder(), resolver, trust, metrics)
            .build();
    return new Apache4Client(http, null);
  }

  private record Apache4Client(CloseableHttpClient http, RequestConfig config) implements Client {
    @Override
    public Reply get(String url, Map<String, String> headers) throws IOException {
      HttpGet get = new HttpGet(url);
      headers.forEach(get::setHeader);
      if (config != null) {
        get.setConfig(config);
      }
      return http.execute(
          get,
          r -> new Reply(r.getStatusLine().getStatusCode(), EntityUtils.toString(r.getEntity())));
    }

    @Override
    public Client derivedFollowingRedirects() {
      return new Apache4Client(
          http,
          RequestConfig.custom()
              .setRedirectsEnabled(true)
              .setRelativeRedirectsAllowed(true)
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
