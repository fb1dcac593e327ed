package io.privatelink.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.util.Context;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TlsTestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of {@link ProxySettingsIgnoredTest}, started with proxy settings pointing at the
 * parent's canary. It calls its own private server through the guarded client and through the
 * provider (selected by {@code AZURE_HTTP_CLIENT_IMPLEMENTATION}), reports, waits for the parent to
 * check the canary, and then makes one unguarded azure-core call as the control that proves the
 * proxy settings were live.
 */
final class ProxyProbe {
  static final String HOST = "myfhir.azurehealthcareapis.com";
  static final String GUARDED_DONE = "GUARDED_DONE";

  private ProxyProbe() {}

  public static void main(String[] args) throws Exception {
    try (DnsSandbox dns = DnsSandbox.start();
        TlsTestServer server = TlsTestServer.builder().start()) {
      dns.privateEndpoint(HOST, "127.0.0.1");
      server.respond("/ok", 200, "private");
      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder()
              .nameservers(dns.nameserver())
              .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
              .build();
      TestCertificates certs = TestCertificates.forAzureHealthHosts();
      GuardedHttpClientProvider.useResolver(resolver, AzureCoreCanaryAttackTest.trusting(certs));
      String url = "https://" + HOST + ":" + server.port() + "/ok";

      HttpClient guarded =
          GuardedAzureHttpClient.builder()
              .resolver(resolver)
              .from(AzureCoreCanaryAttackTest.trusting(certs))
              .build();
      System.out.println("guarded " + status(guarded, url));
      System.out.println("provider " + status(HttpClient.createDefault(), url));
      System.out.println("server requests " + server.requests().size());
      System.out.println(GUARDED_DONE);
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

      // The control: azure-core's own client, configured from the environment like any app's.
      HttpClient control = new OkHttpAsyncHttpClientBuilder().build();
      try {
        System.out.println(
            "control " + status(control, "https://127.0.0.1:" + server.port() + "/ok"));
      } catch (RuntimeException e) {
        System.out.println("control failed as expected through the proxy: " + e);
      }
    }
  }

  private static int status(HttpClient client, String url) {
    try (HttpResponse response =
        client.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
      return response.getStatusCode();
    }
  }
}
