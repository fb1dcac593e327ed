package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.ResolutionListener;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Refresh ahead over real DNS: a host in use is re-verified in the background after the refresh
 * point, its cached verification serves until then and never past its expiry, and what the refresh
 * finds (a refusal included) serves the next request. Lifetimes are set with the cache ceiling (the
 * sandbox's TTL is 60 s), so the tests wait for fractions of a second, and they assert what
 * happened (queries the sandbox received, lookups the listener heard), never how fast.
 */
@PrivateLinkSandbox
class RefreshAheadTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String FHIR_ALIAS = "myfhir.privatelink.azurehealthcareapis.com";

  private final DnsSandbox dns;
  private final BlockingQueue<Resolution> lookedUp = new LinkedBlockingQueue<>();
  private final Set<String> lookupThreads = ConcurrentHashMap.newKeySet();

  RefreshAheadTest(DnsSandbox dns) {
    this.dns = dns;
  }

  @BeforeEach
  void linkedHost() {
    dns.reset();
    dns.privateEndpoint(FHIR, "10.1.0.4");
  }

  /** A resolver whose results live {@code lifetime} and refresh after {@code fraction} of it. */
  private PrivateLinkResolver.Builder resolver(Duration lifetime) {
    return PrivateLinkResolver.builder()
        .nameservers(dns.nameserver())
        .timeout(Duration.ofSeconds(2))
        .retries(0)
        .cacheTtl(Duration.ZERO, lifetime)
        .negativeCacheTtl(lifetime)
        .listener(
            new ResolutionListener() {
              @Override
              public void lookedUp(Resolution r, Duration took) {
                lookupThreads.add(Thread.currentThread().getName());
                lookedUp.add(r);
              }
            });
  }

  /** A queries for the host in all (a query asks for the host or, second, for its alias). */
  private int aQueries(String host, String alias) {
    return dns.queries(host, Type.A) + dns.queries(alias, Type.A);
  }

  private int aaaaQueries(String host, String alias) {
    return dns.queries(host, Type.AAAA) + dns.queries(alias, Type.AAAA);
  }

  /** FHIR was looked up {@code times} times: that many A and that many AAAA queries. */
  private void assertLookedUpTimes(int times, String why) {
    assertEquals(times, aQueries(FHIR, FHIR_ALIAS), "A queries: " + why);
    assertEquals(times, aaaaQueries(FHIR, FHIR_ALIAS), "AAAA queries: " + why);
  }

  private Resolution nextLookup() throws InterruptedException {
    Resolution r = lookedUp.poll(10, TimeUnit.SECONDS);
    assertNotNull(r, "no lookup within 10 s");
    return r;
  }

  /**
   * A resolver as {@link #resolver(Duration)} refreshing after {@code refreshAt} of the lifetime,
   * with FHIR loaded: asked once and its lookup heard, so the queue is empty again.
   */
  private PrivateLinkResolver loaded(Duration lifetime, double refreshAt)
      throws PrivateLinkException, InterruptedException {
    PrivateLinkResolver resolver = resolver(lifetime).refreshAhead(refreshAt).build();
    resolver.resolve(FHIR);
    nextLookup();
    return resolver;
  }

  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  @Test
  void readsAfterTheRefreshPointGetTheCachedResultAndStartExactlyOneLookup() throws Exception {
    PrivateLinkResolver resolver = loaded(Duration.ofSeconds(10), 0.05);
    sleep(700); // past the refresh point (500 ms), far from expiry (10 s)
    // The refresh's answers take 1.5 s: a read that waited for it would return after it.
    dns.delay(FHIR, Duration.ofMillis(1500)).delay(FHIR_ALIAS, Duration.ofMillis(1500));

    ExecutorService readers = Executors.newFixedThreadPool(8);
    List<Future<Resolution>> reads = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int i = 0; i < 8; i++) {
      reads.add(
          readers.submit(
              () -> {
                go.await();
                return resolver.resolve(FHIR);
              }));
    }
    go.countDown();
    for (Future<Resolution> read : reads) {
      assertEquals(Verdict.PRIVATE, read.get(10, TimeUnit.SECONDS).verdict());
    }
    readers.shutdown();
    assertTrue(lookedUp.isEmpty(), "a read returned only after the refresh: " + lookedUp);

    Resolution refreshed = nextLookup();
    assertEquals(Verdict.PRIVATE, refreshed.verdict());
    assertTrue(
        lookupThreads.stream().anyMatch(t -> t.startsWith("privatelink-refresh-")),
        lookupThreads::toString);
    resolver.resolve(FHIR); // the refreshed entry, before its own refresh point
    assertNull(lookedUp.poll(300, TimeUnit.MILLISECONDS), "a second refresh started");
    assertLookedUpTimes(2, "one lookup for the load, one for the refresh");
    assertEquals(9, resolver.stats().cacheHits());
  }

  @Test
  void aHostNotReadAfterItsRefreshPointIsNotRefreshed() throws Exception {
    PrivateLinkResolver resolver = resolver(Duration.ofMillis(800)).refreshAhead(0.5).build();
    resolver.resolve(FHIR);
    resolver.resolve(FHIR); // read before the refresh point only

    sleep(1200); // past the refresh point and the expiry, nobody asking

    assertLookedUpTimes(1, "only the load");
    assertEquals(1, resolver.stats().lookups());
  }

  @Test
  void aRefreshThatFindsAPublicAddressRefusesTheNextRequest() throws Exception {
    PrivateLinkResolver resolver = loaded(Duration.ofSeconds(10), 0.05);
    sleep(700); // past the refresh point (500 ms), far from expiry (10 s)
    dns.unlinkedZone(FHIR, "52.1.2.3");

    resolver.resolve(FHIR); // the cached verification, still valid; starts the refresh
    assertEquals(Verdict.PUBLIC_ADDRESS, nextLookup().verdict());

    PrivateLinkException refused =
        assertThrows(PrivateLinkException.class, () -> resolver.resolve(FHIR));
    assertEquals(Verdict.PUBLIC_ADDRESS, refused.verdict());
  }

  @Test
  void aFailedRefreshLeavesTheVerificationUsableOnlyUntilItsExpiry() throws Exception {
    PrivateLinkResolver resolver = loaded(Duration.ofMillis(2500), 0.2);
    long loadedAt = System.nanoTime(); // after the load: it expires within 2.5 s of this
    sleep(700); // past the refresh point (500 ms)
    dns.fault(FHIR, DnsFault.SERVFAIL).fault(FHIR_ALIAS, DnsFault.SERVFAIL);

    resolver.resolve(FHIR); // starts the refresh
    assertEquals(Verdict.DNS_FAILURE, nextLookup().verdict());
    assertEquals(Verdict.PRIVATE, resolver.resolve(FHIR).verdict(), "still valid: old result");
    assertNull(lookedUp.poll(200, TimeUnit.MILLISECONDS), "a failed refresh is not retried");

    long untilExpiry = 2500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadedAt);
    sleep(untilExpiry + 200);
    PrivateLinkException refused =
        assertThrows(PrivateLinkException.class, () -> resolver.resolve(FHIR));
    assertEquals(Verdict.DNS_FAILURE, refused.verdict(), "after expiry the caller resolves");
    assertEquals(3, resolver.stats().lookups());
  }

  @Test
  void refreshesOfManyHostsRunOnAtMostTwoThreads() throws Exception {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String host = "fhir" + i + ".azurehealthcareapis.com";
      hosts.add(host);
      dns.privateEndpoint(host, "10.1.0." + (10 + i));
    }
    PrivateLinkResolver resolver = resolver(Duration.ofSeconds(20)).refreshAhead(0.025).build();
    for (String host : hosts) {
      resolver.resolve(host);
      nextLookup();
    }
    lookupThreads.clear();
    sleep(700);
    for (String host : hosts) {
      dns.delay(host, Duration.ofMillis(150));
    }

    for (String host : hosts) {
      resolver.resolve(host); // each starts one refresh
    }
    for (int i = 0; i < hosts.size(); i++) {
      assertEquals(Verdict.PRIVATE, nextLookup().verdict());
    }

    assertTrue(lookupThreads.size() <= 2, "refresh threads: " + lookupThreads);
    assertTrue(
        lookupThreads.stream().allMatch(t -> t.startsWith("privatelink-refresh-")),
        lookupThreads::toString);
  }

  @Test
  void withRefreshAheadOffTheFirstRequestAfterExpiryResolves() throws Exception {
    PrivateLinkResolver resolver = resolver(Duration.ofMillis(2000)).noRefreshAhead().build();
    resolver.resolve(FHIR);
    sleep(700); // past a refresh point at a third of the lifetime, before expiry
    resolver.resolve(FHIR);
    sleep(300);
    assertEquals(1, aQueries(FHIR, FHIR_ALIAS), "no background lookup");

    sleep(1200);
    resolver.resolve(FHIR);

    assertEquals(2, aQueries(FHIR, FHIR_ALIAS));
    assertTrue(lookupThreads.stream().noneMatch(t -> t.startsWith("privatelink-refresh-")));
  }

  @Test
  void refreshAheadTakesAFractionOfTheLifetime() {
    PrivateLinkResolver.Builder builder = PrivateLinkResolver.builder();

    assertThrows(IllegalArgumentException.class, () -> builder.refreshAhead(0));
    assertThrows(IllegalArgumentException.class, () -> builder.refreshAhead(1));
    assertThrows(IllegalArgumentException.class, () -> builder.refreshAhead(Double.NaN));
  }
}
