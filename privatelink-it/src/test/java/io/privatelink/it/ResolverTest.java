package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.PrivateLinkResolver.ZoneRequirement;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * The resolver over real UDP and TCP to the testkit's DNS server, with the default policy: each
 * Azure DNS situation from the field gets the verdict it deserves.
 */
@PrivateLinkSandbox
class ResolverTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String FHIR_ALIAS = "myfhir.privatelink.azurehealthcareapis.com";

  private final DnsSandbox dns;

  ResolverTest(DnsSandbox dns) {
    this.dns = dns;
  }

  @BeforeEach
  void freshDns() {
    dns.reset();
  }

  private PrivateLinkResolver.Builder resolverBuilder() {
    return PrivateLinkResolver.builder()
        .nameservers(dns.nameserver())
        .timeout(Duration.ofSeconds(2))
        .retries(0);
  }

  private PrivateLinkResolver resolver() {
    return resolverBuilder().build();
  }

  private Verdict refusal(PrivateLinkResolver resolver, String host) {
    return assertThrows(PrivateLinkException.class, () -> resolver.resolve(host)).verdict();
  }

  @Test
  void linkedZoneIsPrivateWithItsChainAndNameserver() throws Exception {
    dns.privateEndpoint(FHIR, "10.1.0.4");

    Resolution r = resolver().resolve(FHIR);

    assertEquals(Verdict.PRIVATE, r.verdict());
    assertEquals(List.of(FHIR, FHIR_ALIAS), r.cnameChain());
    assertEquals(List.of(InetAddress.getByName("10.1.0.4")), r.allowedAddresses());
    assertEquals(Optional.of("privatelink.azurehealthcareapis.com"), r.privateLinkZone());
    assertEquals(Optional.of(dns.nameserver()), r.nameserver());
  }

  @Test
  void unlinkedZoneIsAPublicAddressWithTheNotLinkedHint() {
    dns.unlinkedZone(FHIR, "52.1.2.3");

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> resolver().resolve(FHIR));

    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
    assertTrue(e.resolution().cnameChain().get(1).equals(FHIR_ALIAS), e.getMessage());
    assertTrue(e.diagnosis().hints().get(0).contains("not linked"), e.getMessage());
    assertTrue(e.getMessage().contains("52.1.2.3"), e.getMessage());
    assertTrue(e.getMessage().contains(dns.nameserver()), e.getMessage());
  }

  @Test
  void publicOnlyIsAPublicAddressWithTheNoPrivateEndpointHint() {
    dns.publicOnly(FHIR, "20.1.2.3");

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> resolver().resolve(FHIR));

    assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
    assertTrue(e.diagnosis().hints().get(0).contains("no privatelink CNAME"), e.getMessage());
  }

  @Test
  void mixedAnswerFailsAndIsNeverFilteredDown() {
    dns.privateEndpoint(FHIR, "10.1.0.4", "52.1.2.3");

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> resolver().resolve(FHIR));

    assertEquals(Verdict.MIXED_ADDRESSES, e.verdict());
    assertEquals(2, e.resolution().addresses().size());
    assertTrue(e.resolution().allowedAddresses().isEmpty(), "nothing may be connected to");
  }

  @Test
  void dualStackWithAPublicIpv6IsMixed() {
    dns.privateEndpoint(FHIR, "10.1.0.4", "2603:1030::4");

    assertEquals(Verdict.MIXED_ADDRESSES, refusal(resolver(), FHIR));
  }

  @Test
  void ulaOnlyDicomHostIsPrivate() throws Exception {
    String dicom = "ws-dicom.dicom.azurehealthcareapis.com";
    dns.privateEndpoint(dicom, "fd12:3456::4");

    Resolution r = resolver().resolve(dicom);

    assertEquals(List.of(InetAddress.getByName("fd12:3456::4")), r.allowedAddresses());
    assertEquals(Optional.of("privatelink.dicom.azurehealthcareapis.com"), r.privateLinkZone());
  }

  /** Resolves {@code host} after making it a private endpoint at {@code ip}. */
  private Resolution resolveLinked(String host, String ip) throws Exception {
    dns.privateEndpoint(host, ip);
    return resolver().resolve(host);
  }

  @Test
  void ahdsFhirThroughTheServiceZoneIsPrivate() throws Exception {
    Resolution r = resolveLinked("ws-fhir.fhir.azurehealthcareapis.com", "10.2.0.5");

    assertEquals(Optional.of("privatelink.fhir.azurehealthcareapis.com"), r.privateLinkZone());
  }

  @Test
  void ahdsFhirThroughTheSharedZoneIsPrivate() throws Exception {
    String host = "ws-fhir.fhir.azurehealthcareapis.com";
    dns.privateEndpointVia(host, "ws-fhir.fhir.privatelink.azurehealthcareapis.com", "10.2.0.5");

    Resolution r = resolver().resolve(host);

    assertEquals(Optional.of("privatelink.azurehealthcareapis.com"), r.privateLinkZone());
  }

  @Test
  void governmentCloudHostIsPrivate() throws Exception {
    Resolution r = resolveLinked("gov.azurehealthcareapis.us", "10.3.0.6");

    assertEquals(Optional.of("privatelink.azurehealthcareapis.us"), r.privateLinkZone());
  }

  @Test
  void privateAddressWithoutPrivateLinkZoneIsNotViaPrivateLink() {
    dns.a(FHIR, "10.1.0.4");

    assertEquals(Verdict.NOT_VIA_PRIVATE_LINK, refusal(resolver(), FHIR));
  }

  @Test
  void storageHostThroughItsPrivateLinkZoneIsPrivate() throws Exception {
    Resolution r = resolveLinked("mystorage.blob.core.windows.net", "10.3.0.7");

    assertEquals(Optional.of("privatelink.blob.core.windows.net"), r.privateLinkZone());
    assertEquals(Verdict.PRIVATE, r.verdict());
  }

  @Test
  void keyVaultHostResolvesThroughTheVaultcoreZone() throws Exception {
    String host = "myvault.vault.azure.net";
    dns.privateEndpoint(host, "10.3.0.8");

    assertEquals(
        Optional.of("privatelink.vaultcore.azure.net"), resolver().resolve(host).privateLinkZone());
  }

  @Test
  void storageHostWithAPrivateAddressButNoPrivateLinkZoneIsNotViaPrivateLink() {
    dns.a("mystorage.blob.core.windows.net", "10.1.0.9");

    assertEquals(
        Verdict.NOT_VIA_PRIVATE_LINK, refusal(resolver(), "mystorage.blob.core.windows.net"));
  }

  @Test
  void chinaCloudAppServiceHostNeedsItsZone() {
    dns.a("fhir.chinacloudsites.cn", "10.1.0.10");

    assertEquals(Verdict.NOT_VIA_PRIVATE_LINK, refusal(resolver(), "fhir.chinacloudsites.cn"));
  }

  @Test
  void zoneRequirementCanBeTurnedOff() throws Exception {
    dns.a(FHIR, "10.1.0.4");

    Resolution r =
        resolverBuilder().requirePrivateLinkZone(ZoneRequirement.FOR_NO_HOST).build().resolve(FHIR);

    assertEquals(Verdict.PRIVATE, r.verdict());
  }

  @Test
  void nonAzureHostNeedsNoPrivateLinkZoneByDefault() throws Exception {
    dns.a("fhir.hospital.internal", "10.9.0.4");

    assertEquals(Verdict.PRIVATE, resolver().resolve("fhir.hospital.internal").verdict());
  }

  @Test
  void nxdomainIsNoSuchHost() {
    dns.fault(FHIR, DnsFault.NXDOMAIN);

    assertEquals(Verdict.NO_SUCH_HOST, refusal(resolver(), FHIR));
  }

  @Test
  void missingPrivateLinkRecordIsNoSuchHostWithTheRefreshHint() {
    dns.cname(FHIR, FHIR_ALIAS);

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> resolver().resolve(FHIR));

    assertEquals(Verdict.NO_SUCH_HOST, e.verdict());
    assertTrue(e.diagnosis().hints().get(0).contains("refreshed"), e.getMessage());
  }

  @Test
  void nodataIsNoAddresses() {
    dns.record(txt(FHIR));

    assertEquals(Verdict.NO_ADDRESSES, refusal(resolver(), FHIR));
  }

  @Test
  void servfailIsDnsFailure() {
    dns.privateEndpoint(FHIR, "10.1.0.4").fault(FHIR, DnsFault.SERVFAIL);

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> resolver().resolve(FHIR));

    assertEquals(Verdict.DNS_FAILURE, e.verdict());
    assertTrue(e.getMessage().contains("SERVFAIL"), e.getMessage());
  }

  @Test
  void refusedIsDnsFailure() {
    dns.privateEndpoint(FHIR, "10.1.0.4").fault(FHIR, DnsFault.REFUSED);

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> resolver().resolve(FHIR));

    assertEquals(Verdict.DNS_FAILURE, e.verdict());
    assertTrue(e.getMessage().contains("REFUSED"), e.getMessage());
  }

  @Test
  void silentNameserverFailsWithinTheTimeout() {
    dns.privateEndpoint(FHIR, "10.1.0.4").fault(FHIR, DnsFault.DROP);
    PrivateLinkResolver resolver =
        resolverBuilder().timeout(Duration.ofMillis(600)).retries(1).build();

    long start = System.nanoTime();
    PrivateLinkException e = assertThrows(PrivateLinkException.class, () -> resolver.resolve(FHIR));
    assertEquals(Verdict.DNS_FAILURE, e.verdict());
    assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // Loose bound: the configured 600 ms plus scheduling slack on a busy CI machine.
    assertTrue(millis < 3_000, "took " + millis + " ms");
    assertTrue(dns.queries(FHIR, Type.A) >= 2, "the query was retried within the budget");
  }

  @Test
  void truncatedAnswerIsRetriedOverTcp() throws Exception {
    dns.privateEndpoint(FHIR, "10.1.0.4").fault(FHIR, DnsFault.TRUNCATE);

    Resolution r = resolver().resolve(FHIR);

    assertEquals(Verdict.PRIVATE, r.verdict());
    assertTrue(dns.tcpQueries() >= 1, "TCP was used");
  }

  @Test
  void cnameLoopIsDnsFailure() {
    dns.cnameLoop(FHIR);

    PrivateLinkException e =
        assertThrows(PrivateLinkException.class, () -> resolver().resolve(FHIR));

    assertEquals(Verdict.DNS_FAILURE, e.verdict());
    assertTrue(e.getMessage().contains("CNAME"), e.getMessage());
  }

  @Test
  void overLongChainIsDnsFailure() {
    dns.cnameChain(FHIR, 12, "10.1.0.4");

    PrivateLinkException e =
        assertThrows(
            PrivateLinkException.class,
            () -> resolverBuilder().maxCnameChain(8).build().resolve(FHIR));

    assertEquals(Verdict.DNS_FAILURE, e.verdict());
  }

  @Test
  void chainWithinTheLimitIsFollowed() throws Exception {
    dns.cnameChain("fhir.hospital.internal", 6, "10.1.0.4");

    Resolution r = resolverBuilder().maxCnameChain(8).build().resolve("fhir.hospital.internal");

    assertEquals(7, r.cnameChain().size());
  }

  @Test
  void rebindingAnswersAreJudgedOneByOneAndThePublicOneNeverPasses() throws Exception {
    dns.rebindingPrivateEndpoint(FHIR, "10.1.0.4", "52.1.2.3");
    PrivateLinkResolver resolver = resolverBuilder().noCache().build();
    InetAddress privateAddress = InetAddress.getByName("10.1.0.4");

    int privateCount = 0;
    int publicCount = 0;
    for (int i = 0; i < 20; i++) {
      try {
        Resolution r = resolver.resolve(FHIR);
        assertEquals(List.of(privateAddress), r.allowedAddresses());
        privateCount++;
      } catch (PrivateLinkException e) {
        assertEquals(Verdict.PUBLIC_ADDRESS, e.verdict());
        publicCount++;
      }
    }
    assertTrue(privateCount > 0 && publicCount > 0, privateCount + "/" + publicCount);
  }

  @Test
  void concurrentColdResolutionsShareOneQueryPerType() throws Exception {
    dns.privateEndpoint(FHIR, "10.1.0.4").delay(FHIR, Duration.ofMillis(300));
    PrivateLinkResolver resolver = resolver();
    int callers = 64;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Resolution>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return resolver.resolve(FHIR);
                }));
      }
      start.countDown();
      for (Future<Resolution> f : results) {
        assertEquals(Verdict.PRIVATE, f.get(10, TimeUnit.SECONDS).verdict());
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(1, dns.queries(FHIR, Type.A));
    assertEquals(1, dns.queries(FHIR, Type.AAAA));
  }

  @Test
  void completeAnswerNeedsOneQueryPerType() throws Exception {
    dns.privateEndpoint(FHIR, "10.1.0.4");

    resolverBuilder().strictAddressFamilies().build().resolve(FHIR);

    // One query per type in all. Usually both ask for the host; when the first answer (with the
    // CNAME) is in before the second query starts, the second asks for the alias directly.
    assertEquals(1, dns.queries(FHIR, Type.A) + dns.queries(FHIR_ALIAS, Type.A));
    assertEquals(1, dns.queries(FHIR, Type.AAAA) + dns.queries(FHIR_ALIAS, Type.AAAA));
  }

  @Test
  void verifiedResultIsServedFromCacheWithinItsTtl() throws Exception {
    dns.ttl(60).privateEndpoint(FHIR, "10.1.0.4");
    PrivateLinkResolver resolver = resolver();

    resolver.resolve(FHIR);
    resolver.resolve(FHIR);
    resolver.resolve(FHIR.toUpperCase() + ".");

    assertEquals(1, dns.queries(FHIR, Type.A));
    assertEquals(2, resolver.stats().cacheHits());
  }

  @Test
  void statsCountEveryRefusalAndPolicyViolationsApart() throws Exception {
    dns.privateEndpoint(FHIR, "10.1.0.4");
    PrivateLinkResolver resolver = resolver();

    resolver.resolve(FHIR);
    refusal(resolver, "8.8.8.8"); // a policy violation
    refusal(resolver, "0x7f.1"); // rejected input: a refusal, not a violation

    PrivateLinkResolver.Stats stats = resolver.stats();
    assertEquals(1, stats.violations());
    assertEquals(2, stats.refusals());
  }

  @Test
  void zeroTtlResultIsNotCached() throws Exception {
    dns.ttl(0).privateEndpoint(FHIR, "10.1.0.4");
    PrivateLinkResolver resolver = resolver();

    resolver.resolve(FHIR);
    resolver.resolve(FHIR);

    assertEquals(2, dns.queries(FHIR, Type.A));
  }

  @Test
  void ipLiteralIsJudgedWithoutDns() throws Exception {
    PrivateLinkResolver resolver = resolver();

    assertEquals(Verdict.PRIVATE, resolver.resolve("10.0.0.4").verdict());
    assertEquals(Verdict.PUBLIC_ADDRESS, refusal(resolver, "8.8.8.8"));
    assertEquals(0, dns.udpQueries() + dns.tcpQueries());
  }

  @Test
  void ambiguousLiteralIsRejectedBeforeDns() {
    assertEquals(Verdict.REJECTED_INPUT, refusal(resolver(), "0x7f.1"));
    assertEquals(0, dns.udpQueries() + dns.tcpQueries());
  }

  @Test
  void diagnoseExplainsARefusalWithoutThrowing() {
    dns.unlinkedZone(FHIR, "52.1.2.3");

    Diagnosis d = resolver().diagnose("https://" + FHIR + "/metadata");

    assertEquals(Verdict.PUBLIC_ADDRESS, d.verdict());
    assertFalse(d.hints().isEmpty());
  }

  @Test
  void nameserverMustBeAnAddress() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PrivateLinkResolver.builder().nameservers("dns.example.com"));
    assertTrue(e.getMessage().contains("must be an IP address"), e.getMessage());
  }

  private static org.xbill.DNS.Record txt(String name) {
    try {
      return new org.xbill.DNS.TXTRecord(
          org.xbill.DNS.Name.fromString(name + "."), org.xbill.DNS.DClass.IN, 60, "nodata");
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
