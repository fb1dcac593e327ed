package io.privatelink.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The example of @PrivateLinkSandbox's Javadoc, run as written.
// region:javadoc-PrivateLinkSandbox
@PrivateLinkSandbox
class PrivateEndpointTest {

  @BeforeEach
  void freshDns(DnsSandbox dns) {
    dns.reset(); // records persist across tests of the class unless reset
  }

  @Test
  void resolvesThroughThePrivateEndpoint(DnsSandbox dns) throws Exception {
    dns.privateEndpoint("myfhir.azurehealthcareapis.com", "127.0.0.1");
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .nameservers(dns.nameserver())
            // 127.0.0.1 plays the private endpoint; the default policy refuses loopback
            .policy(NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build())
            .build();

    assertEquals(Verdict.PRIVATE, resolver.resolve("myfhir.azurehealthcareapis.com").verdict());
  }
}
// endregion
