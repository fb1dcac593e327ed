package io.privatelink.jpms;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClientProvider;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import io.privatelink.azure.GuardedAzureHttpClient;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.hapi.AzureTokenInterceptor;
import io.privatelink.testkit.DnsSandbox;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.ServiceLoader;

/**
 * One call into each published module, made from a named module: what a JPMS application does. Each
 * method is what its module is for; the hosts come from a {@link DnsSandbox}, so nothing leaves
 * loopback, and a refused call fails before any connection.
 */
public final class ModulePathConsumer {

  private ModulePathConsumer() {}

  /**
   * privatelink-testkit: Azure DNS on loopback, {@code privateHost} private, {@code publicHost}
   * not.
   */
  public static DnsSandbox sandbox(String privateHost, String publicHost) {
    DnsSandbox dns = DnsSandbox.start();
    dns.privateEndpoint(privateHost, "10.0.0.4").publicOnly(publicHost, "52.1.2.3");
    return dns;
  }

  /** privatelink-core: a resolver that asks {@code dns}. */
  public static PrivateLinkResolver resolver(DnsSandbox dns) {
    return PrivateLinkResolver.builder().nameservers(dns.nameserver()).build();
  }

  /** privatelink-core: the verified resolution of {@code host}. */
  public static Resolution resolve(PrivateLinkResolver resolver, String host)
      throws UnknownHostException {
    return resolver.resolve(host);
  }

  /** privatelink-httpclient4: a GET through the guarded Apache HttpClient 4.5. */
  public static int getWithHttpClient4(PrivateLinkResolver resolver, String url)
      throws IOException {
    try (org.apache.http.impl.client.CloseableHttpClient http =
            io.privatelink.httpclient4.GuardedApacheHttpClient.builder()
                .resolver(resolver)
                .build();
        org.apache.http.client.methods.CloseableHttpResponse response =
            http.execute(new org.apache.http.client.methods.HttpGet(url))) {
      return response.getStatusLine().getStatusCode();
    }
  }

  /** privatelink-httpclient5: a GET through the guarded Apache HttpClient 5. */
  public static int getWithHttpClient5(PrivateLinkResolver resolver, String url)
      throws IOException {
    try (org.apache.hc.client5.http.impl.classic.CloseableHttpClient http =
        io.privatelink.httpclient5.GuardedApacheHttpClient.builder().resolver(resolver).build()) {
      return http.execute(
          new org.apache.hc.client5.http.classic.methods.HttpGet(url),
          response -> response.getCode());
    }
  }

  /** privatelink-azure: a GET through the guarded azure-core {@code HttpClient}. */
  public static int getWithAzureCore(PrivateLinkResolver resolver, String url) {
    com.azure.core.http.HttpClient http =
        GuardedAzureHttpClient.builder().resolver(resolver).build();
    try (com.azure.core.http.HttpResponse response =
        http.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
      return response.getStatusCode();
    }
  }

  /** privatelink-azure: the azure-core HTTP client providers this module path offers. */
  public static List<String> azureHttpClientProviders() {
    return ServiceLoader.load(HttpClientProvider.class).stream()
        .map(provider -> provider.type().getName())
        .toList();
  }

  /**
   * privatelink-hapi: HAPI's bearer-token interceptor for {@code serverBase}. Its token cache is
   * privatelink-azure's, in a package exported only to io.privatelink.hapi. The interceptor is
   * typed {@code Object} here because its HAPI interface is in hapi-fhir-base, which cannot run as
   * a named module (see privatelink-hapi's pom) and so stays on the class path.
   */
  public static Object hapiTokenInterceptor(
      PrivateLinkResolver resolver, String serverBase, TokenCredential credential) {
    return AzureTokenInterceptor.builder()
        .credential(credential)
        .serverBase(serverBase)
        .resolver(resolver)
        .build();
  }
}
