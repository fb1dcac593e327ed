package io.privatelink.it.namespace;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.hapi.PrivateLinkFhirClient;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedFhirServer;
import io.privatelink.testkit.TestCertificates;
import java.time.Duration;
import okhttp3.OkHttpClient;
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
}
