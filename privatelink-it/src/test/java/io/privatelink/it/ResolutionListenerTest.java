package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.ResolutionListener;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A resolver's listener hears every verdict handed out and every DNS lookup, over real DNS. */
@PrivateLinkSandbox
class ResolutionListenerTest {

  private static final String LINKED = "myfhir.azurehealthcareapis.com";
  private static final String UNLINKED = "otherfhir.azurehealthcareapis.com";

  private final DnsSandbox dns;

  ResolutionListenerTest(DnsSandbox dns) {
    this.dns = dns;
  }

  private PrivateLinkResolver resolverWith(ResolutionListener listener) {
    return PrivateLinkResolver.builder().nameservers(dns.nameserver()).listener(listener).build();
  }

  @BeforeEach
  void records() {
    dns.reset();
    dns.privateEndpoint(LINKED, "10.1.0.4").unlinkedZone(UNLINKED, "52.1.2.3");
  }

  @Test
  void javadocExampleCountsEveryVerdictHandedOutCacheHitsIncluded() throws Exception {
    Map<Verdict, Integer> counts = new ConcurrentHashMap<>();
    String nameserver = dns.nameserver();
    // region:javadoc-ResolutionListener
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder()
            .nameservers(nameserver)
            .listener(
                new ResolutionListener() {
                  public void verified(Resolution r) {
                    counts.merge(r.verdict(), 1, Integer::sum);
                  }
                })
            .build();
    // endregion

    resolver.resolve(LINKED);
    resolver.resolve(LINKED); // a cache hit is a verification too
    assertThrows(PrivateLinkException.class, () -> resolver.resolve(UNLINKED));

    assertEquals(Map.of(Verdict.PRIVATE, 2, Verdict.PUBLIC_ADDRESS, 1), counts);
    assertEquals(1, resolver.stats().cacheHits());
  }

  @Test
  void lookedUpIsCalledOncePerDnsLookupWithItsDuration() throws Exception {
    List<Duration> lookups = new CopyOnWriteArrayList<>();
    PrivateLinkResolver resolver =
        resolverWith(
            new ResolutionListener() {
              @Override
              public void lookedUp(Resolution r, Duration took) {
                lookups.add(took);
              }
            });
    dns.delay(LINKED, Duration.ofMillis(50));

    resolver.resolve(LINKED);
    resolver.resolve(LINKED);

    assertEquals(1, lookups.size());
    assertTrue(lookups.get(0).toMillis() >= 50, "took " + lookups.get(0));
  }

  @Test
  void aThrowingListenerDoesNotChangeTheVerdict() {
    PrivateLinkResolver resolver =
        resolverWith(
            new ResolutionListener() {
              @Override
              public void verified(Resolution r) {
                throw new IllegalStateException("listener bug");
              }
            });

    assertEquals(
        Verdict.PUBLIC_ADDRESS,
        assertThrows(PrivateLinkException.class, () -> resolver.resolve(UNLINKED)).verdict());
  }
}
