package io.privatelink.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import io.privatelink.azure.canary.CanaryAttackSuite;
import io.privatelink.azure.canary.GuardedTransport;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.TestCertificates;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The canary attacks against the guarded azure-core {@link HttpClient}. */
class AzureCoreCanaryAttackTest extends CanaryAttackSuite {

  @Override
  protected GuardedTransport newTransport(PrivateLinkResolver resolver, TestCertificates certs) {
    HttpClient client =
        GuardedAzureHttpClient.builder().resolver(resolver).from(trusting(certs)).build();
    return (url, authorization) -> {
      HttpRequest request =
          new HttpRequest(HttpMethod.GET, url)
              .setHeader(HttpHeaderName.AUTHORIZATION, authorization);
      try (HttpResponse response = client.sendSync(request, Context.NONE)) {
        return new GuardedTransport.Reply(
            response.getStatusCode(), response.getBodyAsBinaryData().toString());
      }
    };
  }

  static OkHttpClient trusting(TestCertificates certs) {
    return new OkHttpClient.Builder()
        .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }
}
