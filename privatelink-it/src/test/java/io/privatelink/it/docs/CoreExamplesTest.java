package io.privatelink.it.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.GuardMetrics;
import io.privatelink.core.GuardedHttpClient;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.PrivateLinkZones;
import io.privatelink.core.Resolution;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.DnsSandbox;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The code examples of privatelink-core's Javadoc and of the README's OkHttp section, run as
 * written against the testkit (DocSnippetsTest holds the docs to these regions).
 */
class CoreExamplesTest {

  @Test
  void readmeOkHttpCallsTheDicomServiceThroughTheGuard() throws IOException {
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      PrivateLinkResolver resolver = sandbox.newResolver();
      OkHttpClient yourClient =
          new OkHttpClient.Builder()
              .sslSocketFactory(
                  sandbox.certificates().clientSocketFactory(),
                  sandbox.certificates().trustManager())
              .build();
      String dicomBase = sandbox.dicomBaseUrl();
      // region:readme-okhttp
      // resolver: PrivateLinkResolver.builder().build() asks the VNet's nameservers (resolv.conf)
      OkHttpClient client = GuardedHttpClient.builder().resolver(resolver).from(yourClient).build();
      Request request = new Request.Builder().url(dicomBase + "health/check").build();
      try (Response response = client.newCall(request).execute()) {
        System.out.println(response.code() + " " + response.body().string());
      }
      // endregion
      assertEquals(1, sandbox.dicom().requests().size());
      sandbox.assertCanariesUntouched();
    }
  }

  @Test
  void networkPolicy() throws Exception {
    InetAddress address = InetAddress.getByName("100.64.0.7");
    // region:javadoc-NetworkPolicy
    NetworkPolicy policy =
        NetworkPolicy.builder()
            .allow("100.64.0.0/10") // this network's endpoints sit in carrier-grade NAT space
            .deny("10.99.0.0/16") // a peered VNet that must never be reached
            .build();

    NetworkPolicy.Decision decision = policy.decide(address);
    if (!decision.allowed()) {
      throw new IllegalStateException(decision.reason());
    }
    // endregion
    assertTrue(!policy.decide(InetAddress.getByName("10.99.0.1")).allowed());
  }

  @Test
  void diagnosisOfAnUnlinkedZone() {
    try (DnsSandbox dns = DnsSandbox.start()) {
      dns.unlinkedZone("myfhir.azurehealthcareapis.com", "52.1.2.3");
      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder().nameservers(dns.nameserver()).build();
      // region:javadoc-Diagnosis
      Diagnosis d = resolver.diagnose("myfhir.azurehealthcareapis.com");
      System.out.println(d); // verdict, chain, addresses, then one hint per line
      for (Diagnosis.Hint hint : d.hintsWithEvidence()) {
        if (hint.cause() == Diagnosis.Cause.ZONE_NOT_LINKED) {
          System.out.println("link the private DNS zone: " + hint.evidence());
        }
      }
      // endregion
      assertEquals(Verdict.PUBLIC_ADDRESS, d.verdict());
      assertTrue(d.toString().contains("not linked"), d.toString());
    }
  }

  @Test
  void privateLinkZones() {
    // region:javadoc-PrivateLinkZones
    PrivateLinkZones zones =
        PrivateLinkZones.defaults()
            .newBuilder()
            .add("privatelink.azurehealthcareapis.example")
            .build();
    // endregion
    assertTrue(zones.zones().contains("privatelink.azurehealthcareapis.example"));
  }

  @Test
  void resolverOnTheVnetNameserver() throws Exception {
    try (DnsSandbox dns = DnsSandbox.start()) {
      dns.privateEndpoint("myfhir.azurehealthcareapis.com", "10.0.0.4");
      String vnetDns = dns.nameserver();
      // region:javadoc-PrivateLinkResolver
      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder()
              .nameservers(vnetDns) // e.g. "10.0.0.4"; default: the system's resolv.conf
              .timeout(Duration.ofSeconds(2))
              .build();
      Resolution r = resolver.resolve("myfhir.azurehealthcareapis.com"); // throws unless PRIVATE
      // endregion
      assertEquals(Verdict.PRIVATE, r.verdict());
    }
  }

  @Test
  void serviceEndpoint() throws Exception {
    // region:javadoc-ServiceEndpoint
    ServiceEndpoint fhir = ServiceEndpoint.parse("https://ws-fhir.fhir.azurehealthcareapis.com/");
    fhir.kind(); // AHDS_FHIR
    fhir.tokenScope(); // Optional[https://ws-fhir.fhir.azurehealthcareapis.com/.default]
    // endregion
    assertEquals("AHDS_FHIR", fhir.kind().name());
    assertEquals(
        "https://ws-fhir.fhir.azurehealthcareapis.com/.default", fhir.tokenScope().orElseThrow());
  }

  @Test
  void guardMetricsCountRefusals() {
    try (AzureSandbox sandbox = AzureSandbox.start()) {
      PrivateLinkResolver resolver = sandbox.newResolver();
      // region:javadoc-GuardMetrics
      GuardMetrics metrics = new GuardMetrics();
      OkHttpClient client = GuardedHttpClient.builder().resolver(resolver).metrics(metrics).build();
      // ... calls through client ...
      metrics.refusals(); // requests refused so far
      // endregion
      assertThrows(
          PrivateLinkException.class,
          () ->
              client
                  .newCall(
                      new Request.Builder().url(sandbox.unlinkedFhirBaseUrl() + "metadata").build())
                  .execute());
      assertEquals(1, metrics.refusals());
      sandbox.assertCanariesUntouched();
    }
  }
}
