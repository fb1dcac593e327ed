package io.privatelink.it.transport;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RedirectPolicy;
import com.azure.core.util.Context;
import com.azure.core.util.CoreUtils;
import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * {@link GuardedAzureHttpClient}, the azure-core {@link HttpClient} an Azure SDK client builder is
 * given, sending through an {@link HttpPipeline} as the SDK clients do.
 */
final class AzureCoreTransport implements GuardedTransport {

  @Override
  public String name() {
    return "azure-core " + CoreUtils.getProperties("azure-core.properties").get("version");
  }

  @Override
  public Client build(PrivateLinkResolver resolver, TestCertificates trust, GuardMetrics metrics) {
    // Guarded first only to count into metrics; GuardedAzureHttpClient keeps a client guarded by
    // the same resolver as it is.
    OkHttpClient counted = OkHttpTransport.guardedClient(resolver, trust, metrics);
    HttpClient client = GuardedAzureHttpClient.builder().resolver(resolver).from(counted).build();
    return new AzureClient(client, new HttpPipelineBuilder().httpClient(client).build());
  }

  private record AzureClient(HttpClient client, HttpPipeline pipeline) implements Client {
    @Override
    public Reply get(String url, Map<String, String> headers) throws IOException {
      HttpRequest request = new HttpRequest(HttpMethod.GET, url);
      headers.forEach((name, value) -> request.setHeader(HttpHeaderName.fromString(name), value));
      try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
        return new Reply(response.getStatusCode(), response.getBodyAsBinaryData().toString());
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } catch (RuntimeException e) {
        // azure-core reports transport failures unchecked; the suite expects an IOException.
        throw new IOException(e.getMessage(), e);
      }
    }

    /** azure-core's own redirect following: a {@link RedirectPolicy} in the pipeline. */
    @Override
    public Client derivedFollowingRedirects() {
      return new AzureClient(
          client,
          new HttpPipelineBuilder().httpClient(client).policies(new RedirectPolicy()).build());
    }

    @Override
    public void close() {}
  }

  @Override
  public String toString() {
    return name();
  }
}
