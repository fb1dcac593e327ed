package io.privatelink.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The JUnit 5 extension example of privatelink-testkit/README.md, run as written.
// region:testkit-readme-extension
@PrivateLinkSandbox
class FhirClientTest {

  @BeforeEach
  void freshDns(DnsSandbox dns) {
    dns.reset(); // records, faults and counters otherwise persist across the class's tests
  }

  @Test
  void refusesAnUnlinkedZone(DnsSandbox dns) {
    dns.unlinkedZone("myfhir.azurehealthcareapis.com", "52.1.2.3");
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder().nameservers(dns.nameserver()).build();

    PrivateLinkException e =
        assertThrows(
            PrivateLinkException.class, () -> resolver.resolve("myfhir.azurehealthcareapis.com"));
    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
  }
}
// endregion
