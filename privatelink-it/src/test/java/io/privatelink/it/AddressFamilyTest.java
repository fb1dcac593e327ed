package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Type;

/**
 * A and AAAA are independent queries: a family whose query fails does not sink the other family's
 * verified addresses, is recorded, and is waited for only a short grace; a refused address in
 * either family still refuses the whole answer; {@code strictAddressFamilies()} keeps the old rule.
 */
@PrivateLinkSandbox
class AddressFamilyTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String ALIAS = "myfhir.privatelink.azurehealthcareapis.com";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final DnsSandbox dns;

  AddressFamilyTest(DnsSandbox dns) {
    this.dns = dns;
  }

  // Faults are set on the host and its alias: which name a query asks for depends on whether the
  // other family's answer (with the CNAME) arrived first.

  @BeforeEach
  void freshDns() {
    dns.reset();
  }

  private PrivateLinkResolver.Builder builder() {
    return PrivateLinkResolver.builder().nameservers(dns.nameserver()).timeout(TIMEOUT).retries(0);
  }

  private Resolution lookup(PrivateLinkResolver.Builder builder) {
    return builder.build().diagnose(FHIR).resolution();
  }

  /** Makes queries of {@code type} fail with {@code fault} all along the host's CNAME chain. */
  private void failChain(int type, DnsFault fault) {
    dns.fault(FHIR, type, fault).fault(ALIAS, type, fault);
  }

  static Stream<Arguments> failedFamilies() {
    return Stream.of(
        Arguments.of(DnsFault.REFUSED, "AAAA", "A", "10.1.0.4"),
        Arguments.of(DnsFault.SERVFAIL, "AAAA", "A", "10.1.0.4"),
        Arguments.of(DnsFault.SERVFAIL, "A", "AAAA", "fd00::4"));
  }

  @ParameterizedTest(name = "a {0} {1} query does not sink a verified {2} answer")
  @MethodSource("failedFamilies")
  void aFailedQueryDoesNotSinkTheOtherFamilysVerifiedAnswer(
      DnsFault rcode, String failed, String verified, String address) throws Exception {
    dns.privateEndpoint(FHIR, address);
    failChain(Type.value(failed), rcode);

    Resolution r = lookup(builder());

    assertEquals(Verdict.PRIVATE, r.verdict());
    assertEquals(List.of(InetAddress.getByName(address)), r.allowedAddresses());
    assertEquals(List.of(new Resolution.FailedQuery(failed, rcode.name())), r.failedQueries());
    assertEquals(
        failed + " query: " + rcode + ", ignored: the " + verified + " answer verified",
        r.detail().orElseThrow());
  }

  @Test
  void aDroppedAaaaQueryIsAwaitedOnlyForTheGraceNotTheTimeout() {
    dns.privateEndpoint(FHIR, "10.1.0.4");
    failChain(Type.AAAA, DnsFault.DROP);

    long start = System.nanoTime();
    Resolution r = lookup(builder().addressFamilyGrace(Duration.ofMillis(100)));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(Verdict.PRIVATE, r.verdict());
    assertEquals(
        "no answer within the 100 ms grace after the A answer verified",
        r.failedQueries().get(0).reason());
    assertTrue(elapsedMillis < TIMEOUT.toMillis() / 2, "took " + elapsedMillis + " ms");
  }

  @Test
  void aFamilyThatFailsNextToAPublicAddressIsStillRefused() {
    dns.a(FHIR, "52.1.2.3").fault(FHIR, Type.AAAA, DnsFault.REFUSED);

    Resolution r = lookup(builder());

    assertEquals(Verdict.PUBLIC_ADDRESS, r.verdict());
    assertEquals(List.of(new Resolution.FailedQuery("AAAA", "REFUSED")), r.failedQueries());
  }

  @Test
  void aRefusedAddressInTheOtherFamilyStillMakesTheAnswerMixed() {
    dns.privateEndpoint(FHIR, "10.1.0.4", "2603:1030::4");

    assertEquals(Verdict.MIXED_ADDRESSES, lookup(builder()).verdict());
  }

  @Test
  void bothFamiliesFailingIsADnsFailure() {
    dns.privateEndpoint(FHIR, "10.1.0.4");
    failChain(Type.A, DnsFault.SERVFAIL);
    failChain(Type.AAAA, DnsFault.REFUSED);

    Resolution r = lookup(builder());

    assertEquals(Verdict.DNS_FAILURE, r.verdict());
    assertEquals(2, r.failedQueries().size());
  }

  @Test
  void oneFamilyFailingAndTheOtherEmptyIsADnsFailure() {
    dns.a(ALIAS, "10.1.0.4").cname(FHIR, ALIAS);
    failChain(Type.A, DnsFault.REFUSED);

    assertEquals(Verdict.DNS_FAILURE, lookup(builder()).verdict());
  }

  @Test
  void strictAddressFamiliesTurnsAnyFailedQueryIntoADnsFailure() {
    dns.privateEndpoint(FHIR, "10.1.0.4");
    failChain(Type.AAAA, DnsFault.REFUSED);

    Resolution r = lookup(builder().strictAddressFamilies());

    assertEquals(Verdict.DNS_FAILURE, r.verdict());
    assertTrue(r.allowedAddresses().isEmpty());
    assertEquals("AAAA query: REFUSED", r.detail().orElseThrow());
  }

  @Test
  void theDiagnosisOfAnIgnoredFailureNamesTheFailedQuery() {
    dns.privateEndpoint(FHIR, "10.1.0.4");
    failChain(Type.AAAA, DnsFault.REFUSED);

    Diagnosis d = builder().build().diagnose(FHIR);

    Diagnosis.Hint hint = d.hintsWithEvidence().get(0);
    assertEquals(Diagnosis.Cause.QUERY_FAILURE_IGNORED, hint.cause());
    assertEquals(
        List.of(new Diagnosis.Fact(Diagnosis.Fact.Kind.QUERY_FAILED, "AAAA query: REFUSED")),
        hint.evidence());
    assertTrue(hint.text().startsWith("AAAA query: REFUSED, ignored"), hint.text());
  }
}
