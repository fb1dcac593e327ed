package io.privatelink.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.Diagnosis.Cause;
import io.privatelink.core.Diagnosis.Fact;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.PrivateLinkSandbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hints name the cause the evidence points at, and carry that evidence as typed facts: DNS64
 * synthesis is not called a split horizon, stripped answers from a rebinding-protecting resolver
 * are not only "a new service".
 */
@PrivateLinkSandbox
class DiagnosisEvidenceTest {

  private static final String FHIR = "myfhir.azurehealthcareapis.com";
  private static final String ZONE = "privatelink.azurehealthcareapis.com";

  private final DnsSandbox dns;

  DiagnosisEvidenceTest(DnsSandbox dns) {
    this.dns = dns;
  }

  @BeforeEach
  void freshDns() {
    dns.reset();
  }

  private Diagnosis diagnose(PrivateLinkResolver.Builder builder) {
    return builder
        .nameservers(dns.nameserver())
        .timeout(Duration.ofSeconds(2))
        .build()
        .diagnose(FHIR);
  }

  private Diagnosis diagnose() {
    return diagnose(PrivateLinkResolver.builder());
  }

  private static List<Cause> causes(Diagnosis d) {
    return d.hintsWithEvidence().stream().map(Diagnosis.Hint::cause).toList();
  }

  @Test
  void dns64SynthesisOfThePrivateAddressIsNamedAsSuch() {
    dns.privateEndpoint(FHIR, "10.1.0.4").dns64("64:ff9b::");

    Diagnosis d = diagnose();

    assertEquals(Verdict.MIXED_ADDRESSES, d.verdict());
    assertEquals(List.of(Cause.DNS64_SYNTHESIS), causes(d));
    Diagnosis.Hint hint = d.hintsWithEvidence().get(0);
    assertTrue(
        hint.evidence()
            .contains(
                new Fact(
                    Fact.Kind.DNS64_SYNTHESIZED_ADDRESS,
                    "64:ff9b::a01:4 embeds 10.1.0.4 (NAT64 prefix 64:ff9b::/96)")),
        hint.evidence().toString());
    assertTrue(hint.text().startsWith("64:ff9b::a01:4 embeds 10.1.0.4"), hint.text());
  }

  @Test
  void aConfiguredNat64PrefixIsRecognised() {
    dns.privateEndpoint(FHIR, "10.1.0.4").dns64("2001:db8:64::");

    Diagnosis d = diagnose(PrivateLinkResolver.builder().nat64Prefix("2001:db8:64::/96"));

    assertEquals(List.of(Cause.DNS64_SYNTHESIS), causes(d));
  }

  @Test
  void aPublicAddressInANat64PrefixIsNotCalledDns64() {
    dns.privateEndpoint(FHIR, "10.1.0.4")
        .aaaa("myfhir.privatelink.azurehealthcareapis.com", "64:ff9b::3401:203");

    Diagnosis d = diagnose();

    assertEquals(Verdict.MIXED_ADDRESSES, d.verdict());
    assertEquals(List.of(Cause.SPLIT_HORIZON_BROKEN), causes(d));
  }

  @Test
  void strippedPrivateAnswersFromARecursiveResolverListRebindingProtection() {
    dns.privateEndpoint(FHIR, "10.1.0.4").rebindingProtection(true);

    Diagnosis d = diagnose();

    assertEquals(Verdict.NO_ADDRESSES, d.verdict());
    Diagnosis.Hint hint = d.hintsWithEvidence().get(0);
    assertEquals(Cause.REBINDING_PROTECTION, hint.cause());
    assertTrue(hint.text().contains("private-domain: \"" + ZONE + "\""), hint.text());
    assertTrue(hint.text().contains("rebind-domain-ok=/" + ZONE + "/"), hint.text());
    assertEquals(
        List.of(
            Fact.Kind.CHAIN_REACHES_PRIVATELINK_ZONE,
            Fact.Kind.NO_ADDRESS_RECORDS,
            Fact.Kind.RECURSIVE_RESOLVER),
        hint.evidence().stream().map(Fact::kind).toList());
  }

  @Test
  void anUnlinkedZoneHintRestsOnTheZoneTheTrafficManagerNameAndThePublicAddress() {
    dns.unlinkedZone(FHIR, "52.1.2.3");

    Diagnosis d = diagnose();

    assertEquals(List.of(Cause.ZONE_NOT_LINKED, Cause.PUBLIC_NETWORK_ACCESS), causes(d));
    List<Fact.Kind> kinds =
        d.hintsWithEvidence().get(0).evidence().stream().map(Fact::kind).toList();
    assertEquals(
        List.of(
            Fact.Kind.CHAIN_REACHES_PRIVATELINK_ZONE,
            Fact.Kind.CHAIN_REACHES_PUBLIC_SERVICE_NAME,
            Fact.Kind.ADDRESS_DENIED),
        kinds);
    assertTrue(d.hints().get(1).startsWith("DNS answered 52.1.2.3, outside the policy: "));
  }

  @Test
  void everyHintOfEveryRefusalRestsOnAtLeastOneObservedFact() {
    dns.unlinkedZone(FHIR, "52.1.2.3");
    Diagnosis d = diagnose();
    assertFalse(d.hintsWithEvidence().isEmpty());
    for (Diagnosis.Hint hint : d.hintsWithEvidence()) {
      assertFalse(hint.evidence().isEmpty(), hint.text());
      assertTrue(d.facts().containsAll(hint.evidence()), hint.text());
    }
  }

  @Test
  void theJavadocExampleFindsTheUnlinkedZoneByItsCause() {
    dns.unlinkedZone(FHIR, "52.1.2.3");
    PrivateLinkResolver resolver =
        PrivateLinkResolver.builder().nameservers(dns.nameserver()).build();
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(buffer, true);

    // The example in Diagnosis's Javadoc, printing to a buffer (out) instead of System.out:
    Diagnosis d = resolver.diagnose("myfhir.azurehealthcareapis.com");
    out.println(d); // verdict, chain, addresses, then one hint per line
    for (Diagnosis.Hint hint : d.hintsWithEvidence()) {
      if (hint.cause() == Diagnosis.Cause.ZONE_NOT_LINKED) {
        out.println("link the private DNS zone: " + hint.evidence());
      }
    }

    assertTrue(
        buffer
            .toString()
            .contains("link the private DNS zone: [CHAIN_REACHES_PRIVATELINK_ZONE " + ZONE),
        buffer.toString());
  }

  @Test
  void aPrivateResultHasNoHints() {
    dns.privateEndpoint(FHIR, "10.1.0.4");
    assertTrue(diagnose().hintsWithEvidence().isEmpty());
  }
}
