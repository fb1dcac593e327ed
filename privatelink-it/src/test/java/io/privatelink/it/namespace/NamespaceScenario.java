package io.privatelink.it.namespace;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.hapi.PrivateLinkFhirClient;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * Runs inside a network namespace (started by {@link NamespaceEndToEndTest} through {@code ip netns
 * exec}): DNS on the namespace's 127.0.0.1, a HAPI FHIR server on the given address, and the HAPI
 * client with the <b>default</b> policy. Prints one result line and exits 0 (capabilities read) or
 * 2 (refused by the guard); anything else is a failure.
 */
public final class NamespaceScenario {
  static final String HOST = "myfhir.azurehealthcareapis.com";

  private NamespaceScenario() {}

  public static void main(String[] args) throws Exception {
    String address = args[0];
    int status;
    try (DnsSandbox dns = DnsSandbox.start();
        EmbeddedFhirServer server =
            EmbeddedFhirServer.builder().namespaceAddress(address).start()) {
      dns.privateEndpoint(HOST, address);
      awaitReady(server, address);
      PrivateLinkResolver resolver =
          PrivateLinkResolver.builder()
              .nameservers(dns.nameserver())
              .timeout(Duration.ofSeconds(3))
              .build(); // default policy: no loopback allowance
      TestCertificates certs = server.certificates();
      OkHttpClient base =
          new OkHttpClient.Builder()
              .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
              .build();
      try {
        IGenericClient client =
            PrivateLinkFhirClient.builder(FhirContext.forR4())
                .serverBase(server.baseUrl(HOST))
                .resolver(resolver)
                .httpClient(base)
                .build();
        CapabilityStatement cs = client.capabilities().ofType(CapabilityStatement.class).execute();
        System.out.println(
            "CAPABILITIES fhirVersion="
                + cs.getFhirVersion().toCode()
                + " software="
                + cs.getSoftware().getName()
                + " connections="
                + server.connections());
        status = 0;
      } catch (RuntimeException e) {
        PrivateLinkException refused = PrivateLinkException.find(e).orElseThrow(() -> e);
        System.out.println("REFUSED " + refused.verdict() + " connections=" + server.connections());
        status = 2;
      }
    }
    System.exit(status);
  }

  /**
   * Waits until the server answers {@code /metadata} (HAPI initialises its servlet on the first
   * request, which takes seconds on a loaded machine), then forgets that request, so the timed call
   * under test meets a ready server. Unguarded and by address: it checks readiness, not the guard.
   */
  private static void awaitReady(EmbeddedFhirServer server, String address) throws IOException {
    TestCertificates certs = server.certificates();
    OkHttpClient direct =
        new OkHttpClient.Builder()
            .dns(host -> List.of(InetAddress.getByName(address)))
            .sslSocketFactory(certs.clientSocketFactory(), certs.trustManager())
            .readTimeout(Duration.ofSeconds(90))
            .build();
    try (Response ready =
        direct
            .newCall(new Request.Builder().url(server.baseUrl(HOST) + "metadata").build())
            .execute()) {
      if (ready.code() != 200) {
        throw new IllegalStateException("the server is not ready: HTTP " + ready.code());
      }
    }
    direct.connectionPool().evictAll();
    server.reset();
  }
}
