package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {

  /** Parses an IP literal; the JDK does no DNS lookup for literals. */
  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError("not an IP literal: " + literal, e);
    }
  }

  /** An Inet6Address holding exactly these bits, which the JDK does not turn into Inet4Address. */
  static Inet6Address ipv6Bits(String literal, int scopeId) {
    byte[] bytes = new byte[16];
    byte[] parsed = ip(literal).getAddress();
    if (parsed.length == 4) { // the JDK unwrapped an IPv4-mapped literal
      bytes[10] = (byte) 0xFF;
      bytes[11] = (byte) 0xFF;
      System.arraycopy(parsed, 0, bytes, 12, 4);
    } else {
      bytes = parsed;
    }
    try {
      return Inet6Address.getByAddress(null, bytes, scopeId);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static boolean allowed(NetworkPolicy policy, String literal) {
    return policy.decide(ip(literal)).allowed();
  }

  // ---- The default policy ----
  @ParameterizedTest(name = "{0} is {1}")
  @CsvFileSource(
      resources = "/io/privatelink/core/network-policy-defaults.csv",
      delimiter = '|',
      numLinesToSkip = 1)
  void defaultsDecideEachTabledAddress(
      String address, String decision, String rule, String reason) {
    NetworkPolicy.Decision d = NetworkPolicy.defaults().decide(ip(address));

    assertAll(
        () -> assertEquals("allowed".equals(decision), d.allowed(), d::toString),
        () -> {
          if (rule != null) {
            assertEquals(rule, d.rule());
          }
        },
        () -> {
          if (reason != null) {
            assertTrue(d.reason().contains(reason), () -> "reason was: " + d.reason());
          }
        });
  }

  @Test
  void defaultsAreOneSharedInstance() {
    assertSame(NetworkPolicy.defaults(), NetworkPolicy.defaults());
  }

  @Test
  void defaultsListTheirRulesInEvaluationOrder() {
    assertEquals(
        List.of(
            "allow 192.168.0.0/16 (RFC 1918 private)",
            "allow 172.16.0.0/12 (RFC 1918 private)",
            "allow 10.0.0.0/8 (RFC 1918 private)",
            "deny fd00:ec2::23/128 (AWS EKS Pod Identity Agent, IPv6)",
            "deny fd00:ec2::254/128 (AWS instance metadata service, IPv6)",
            "deny fd20:ce::254/128 (Google Cloud metadata server, IPv6)",
            "allow fc00::/7 (unique local, RFC 4193)"),
        NetworkPolicy.defaults().rules());
  }

  @Test
  void ruleListIsUnmodifiable() {
    assertThrows(
        UnsupportedOperationException.class,
        () -> NetworkPolicy.defaults().rules().add("allow 0.0.0.0/0"));
  }

  @Test
  void defaultsEqualAPolicyFromTheDefaultBuilder() {
    assertEquals(NetworkPolicy.defaults(), NetworkPolicy.builder().build());
    assertEquals(NetworkPolicy.defaults().hashCode(), NetworkPolicy.builder().build().hashCode());
  }

  // ---- IPv6 forms ----
  @Test
  void mappedInet6AddressIsJudgedAsItsPrivateIpv4() {
    Inet6Address mapped = ipv6Bits("::ffff:10.0.0.1", -1);

    NetworkPolicy.Decision d = NetworkPolicy.defaults().decide(mapped);

    assertTrue(d.allowed(), d::toString);
    assertEquals("allow 10.0.0.0/8 (RFC 1918 private)", d.rule());
  }

  @Test
  void mappedInet6AddressIsJudgedAsItsPublicIpv4() {
    NetworkPolicy.Decision d = NetworkPolicy.defaults().decide(ipv6Bits("::ffff:8.8.8.8", -1));

    assertFalse(d.allowed());
    assertEquals("no rule: public address", d.rule());
  }

  @Test
  void mappedInet6AddressIsShownInMixedNotation() {
    NetworkPolicy.Decision d = NetworkPolicy.defaults().decide(ipv6Bits("::ffff:10.0.0.1", -1));

    assertEquals("::ffff:10.0.0.1 allowed by allow 10.0.0.0/8 (RFC 1918 private)", d.toString());
  }

  @Test
  void scopedLinkLocalIsJudgedByItsBits() {
    NetworkPolicy.Decision d = NetworkPolicy.defaults().decide(ipv6Bits("fe80::1", 2));

    assertFalse(d.allowed());
    assertEquals("no rule: fe80::/10 (link-local, RFC 4291) is not private by default", d.rule());
    assertTrue(d.reason().startsWith("fe80::1%2 is in fe80::/10"), d::reason);
  }

  @Test
  void scopedUniqueLocalIsJudgedByItsBits() {
    assertTrue(NetworkPolicy.defaults().decide(ipv6Bits("fd00::1", 3)).allowed());
  }

  @Test
  void allowOfIpv4RangeDoesNotCoverNat64FormOfIt() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("100.64.0.0/10").build();

    assertFalse(allowed(policy, "64:ff9b::100.64.0.1"));
  }

  @Test
  void allowNamingNat64PrefixMakesItAllowed() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("64:ff9b::/96").build();

    NetworkPolicy.Decision d = policy.decide(ip("64:ff9b::10.0.0.1"));

    assertTrue(d.allowed());
    assertEquals("allow 64:ff9b::/96", d.rule());
  }

  @Test
  void ipv6DenyDoesNotCoverMappedAddresses() {
    NetworkPolicy policy = NetworkPolicy.builder().deny("::/0").build();

    assertTrue(policy.decide(ipv6Bits("::ffff:10.0.0.1", -1)).allowed());
  }

  // ---- Precedence ----
  @Test
  void userDenyCarvesOutOfDefaultAllow() {
    NetworkPolicy policy = NetworkPolicy.builder().deny("10.99.0.0/16").build();

    NetworkPolicy.Decision d = policy.decide(ip("10.99.1.5"));

    assertFalse(d.allowed());
    assertEquals("deny 10.99.0.0/16", d.rule());
  }

  @Test
  void userDenyLeavesRestOfDefaultAllowAlone() {
    NetworkPolicy policy = NetworkPolicy.builder().deny("10.99.0.0/16").build();

    assertTrue(allowed(policy, "10.98.255.255"));
    assertTrue(allowed(policy, "10.100.0.0"));
  }

  @Test
  void userAllowInsideUserDenyReAllows() {
    NetworkPolicy policy =
        NetworkPolicy.builder().deny("10.99.0.0/16").allow("10.99.1.0/24").build();

    NetworkPolicy.Decision d = policy.decide(ip("10.99.1.5"));

    assertTrue(d.allowed());
    assertEquals("allow 10.99.1.0/24", d.rule());
    assertFalse(allowed(policy, "10.99.2.5"));
  }

  @ParameterizedTest(name = "allow first: {0}")
  @ValueSource(booleans = {true, false})
  void equalPrefixAllowAndDenyMeansDenyWhateverTheOrder(boolean allowFirst) {
    NetworkPolicy.Builder builder = NetworkPolicy.builder();
    if (allowFirst) {
      builder.allow("100.64.0.0/10").deny("100.64.0.0/10");
    } else {
      builder.deny("100.64.0.0/10").allow("100.64.0.0/10");
    }

    NetworkPolicy.Decision d = builder.build().decide(ip("100.64.0.1"));

    assertFalse(d.allowed());
    assertEquals("deny 100.64.0.0/10", d.rule());
  }

  @Test
  void allowOfCarrierGradeNatAllowsIt() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("100.64.0.0/10").build();

    NetworkPolicy.Decision d = policy.decide(ip("100.64.0.1"));

    assertTrue(d.allowed());
    assertEquals("allow 100.64.0.0/10", d.rule());
    assertFalse(allowed(policy, "100.128.0.0"));
  }

  @Test
  void metadataDenyIsNotOverriddenByEqualPrefixAllow() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("fd00:ec2::254/128").build();

    NetworkPolicy.Decision d = policy.decide(ip("fd00:ec2::254"));

    assertFalse(d.allowed());
    assertEquals("deny fd00:ec2::254/128 (AWS instance metadata service, IPv6)", d.rule());
  }

  @Test
  void metadataDenyIsNotOverriddenByBroaderAllow() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("fd00:ec2::/32").build();

    assertFalse(allowed(policy, "fd00:ec2::254"));
  }

  @Test
  void denyOfEverythingLosesToMoreSpecificAllow() {
    NetworkPolicy policy = NetworkPolicy.builder().deny("0.0.0.0/0").build();

    assertEquals("deny 0.0.0.0/0", policy.decide(ip("8.8.8.8")).rule());
    assertTrue(allowed(policy, "10.0.0.1"));
  }

  @Test
  void bareAddressIsASingleHostRule() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("100.64.0.5").build();

    assertTrue(allowed(policy, "100.64.0.5"));
    assertFalse(allowed(policy, "100.64.0.6"));
    assertTrue(policy.rules().contains("allow 100.64.0.5/32"), policy::toString);
  }

  // ---- Test policies ----
  @Test
  void projectTestPolicyAllowsTheEndpointButNotTheCanary() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("127.0.0.1/32").build();

    NetworkPolicy.Decision endpoint = policy.decide(ip("127.0.0.1"));
    NetworkPolicy.Decision canary = policy.decide(ip("127.0.0.2"));

    assertTrue(endpoint.allowed());
    assertEquals("allow 127.0.0.1/32", endpoint.rule());
    assertFalse(canary.allowed());
    assertEquals(
        "no rule: 127.0.0.0/8 (loopback, RFC 1122) is not private by default", canary.rule());
  }

  @Test
  void allowLoopbackAllowsIpv4AndIpv6Loopback() {
    NetworkPolicy policy = NetworkPolicy.builder().allowLoopback().build();

    assertEquals(
        "allow 127.0.0.0/8 (loopback, for tests only)", policy.decide(ip("127.0.0.2")).rule());
    assertEquals("allow ::1/128 (loopback, for tests only)", policy.decide(ip("::1")).rule());
    assertTrue(allowed(policy, "127.255.255.254"));
  }

  @Test
  void allowLoopbackKeepsDefaults() {
    NetworkPolicy policy = NetworkPolicy.builder().allowLoopback().build();

    assertTrue(allowed(policy, "10.0.0.1"));
    assertFalse(allowed(policy, "8.8.8.8"));
  }

  @Test
  void withoutDefaultsDeniesEverything() {
    NetworkPolicy policy = NetworkPolicy.builder().withoutDefaults().build();

    NetworkPolicy.Decision d = policy.decide(ip("10.0.0.1"));

    assertFalse(d.allowed());
    assertEquals("no rule: 10.0.0.0/8 (RFC 1918 private) is not allowed by this policy", d.rule());
    assertFalse(allowed(policy, "fd00::1"));
    assertEquals(List.of(), policy.rules());
  }

  @Test
  void withoutDefaultsStillNamesMetadataAddresses() {
    NetworkPolicy policy = NetworkPolicy.builder().withoutDefaults().build();

    assertEquals(
        "no rule: fd00:ec2::254/128 (AWS instance metadata service, IPv6)"
            + " is not private by default",
        policy.decide(ip("fd00:ec2::254")).rule());
  }

  @Test
  void withoutDefaultsKeepsRulesAddedBeforeIt() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("127.0.0.1/32").withoutDefaults().build();

    assertEquals(List.of("allow 127.0.0.1/32"), policy.rules());
  }

  // ---- Builders and equality ----
  @Test
  void newBuilderDerivesAVariant() {
    NetworkPolicy base = NetworkPolicy.builder().allow("100.64.0.0/10").build();

    NetworkPolicy variant = base.newBuilder().deny("100.64.1.0/24").build();

    assertTrue(allowed(variant, "100.64.0.1"));
    assertFalse(allowed(variant, "100.64.1.1"));
  }

  @Test
  void newBuilderLeavesTheOriginalUnchanged() {
    NetworkPolicy base = NetworkPolicy.builder().allow("100.64.0.0/10").build();

    base.newBuilder().deny("100.64.1.0/24").withoutDefaults().build();

    assertTrue(allowed(base, "100.64.1.1"));
    assertTrue(allowed(base, "10.0.0.1"));
  }

  @Test
  void newBuilderStillKnowsWhichRulesAreDefaults() {
    NetworkPolicy base = NetworkPolicy.builder().allow("100.64.0.0/10").build();

    NetworkPolicy variant = base.newBuilder().withoutDefaults().build();

    assertEquals(List.of("allow 100.64.0.0/10"), variant.rules());
  }

  @Test
  void addingARuleTwiceKeepsOne() {
    NetworkPolicy policy =
        NetworkPolicy.builder().withoutDefaults().deny("10.99.0.0/16").deny("10.99.0.0/16").build();

    assertEquals(List.of("deny 10.99.0.0/16"), policy.rules());
  }

  @Test
  void restatingADefaultRuleKeepsItThroughWithoutDefaults() {
    NetworkPolicy policy = NetworkPolicy.builder().allow("10.0.0.0/8").withoutDefaults().build();

    assertEquals(List.of("allow 10.0.0.0/8"), policy.rules());
  }

  @Test
  void policiesWithTheSameRulesInAnyOrderAreEqual() {
    NetworkPolicy a = NetworkPolicy.builder().deny("10.99.0.0/16").allow("100.64.0.0/10").build();
    NetworkPolicy b = NetworkPolicy.builder().allow("100.64.0.0/10").deny("10.99.0.0/16").build();

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  @Test
  void policiesWithDifferentRulesAreNotEqual() {
    assertNotEquals(NetworkPolicy.defaults(), NetworkPolicy.builder().deny("10.99.0.0/16").build());
  }

  @Test
  void ipv6RuleIsShownInCanonicalForm() {
    NetworkPolicy policy =
        NetworkPolicy.builder().withoutDefaults().allow("FD12:3456:0000::/48").build();

    assertEquals(List.of("allow fd12:3456::/48"), policy.rules());
  }

  @Test
  void policyToStringListsItsRules() {
    NetworkPolicy policy = NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1").build();

    assertEquals("NetworkPolicy[allow 127.0.0.1/32]", policy.toString());
  }

  // ---- Decision text ----
  @Test
  void decisionKeepsTheAddressAsGiven() {
    InetAddress address = ipv6Bits("fe80::1", 5);

    assertSame(address, NetworkPolicy.defaults().decide(address).address());
  }

  @Test
  void decisionToStringOfAnAllowNamesTheRule() {
    assertEquals(
        "10.1.2.3 allowed by allow 10.0.0.0/8 (RFC 1918 private)",
        NetworkPolicy.defaults().decide(ip("10.1.2.3")).toString());
  }

  @Test
  void decisionToStringOfANoMatchNamesTheRange() {
    assertEquals(
        "100.64.1.1 denied by no rule: 100.64.0.0/10 (carrier-grade NAT, RFC 6598)"
            + " is not private by default",
        NetworkPolicy.defaults().decide(ip("100.64.1.1")).toString());
  }

  @Test
  void decisionShowsIpv6InCanonicalForm() {
    assertEquals(
        "fd00:ec2::254 denied by deny fd00:ec2::254/128 (AWS instance metadata service," + " IPv6)",
        NetworkPolicy.defaults().decide(ip("fd00:ec2:0:0:0:0:0:254")).toString());
  }

  @Test
  void reasonForAUserDenySaysWhatToChange() {
    NetworkPolicy policy = NetworkPolicy.builder().deny("10.99.0.0/16").build();

    assertEquals(
        "10.99.1.5 matches \"deny 10.99.0.0/16\", so this policy refuses it; if this"
            + " address really is your private endpoint, remove or narrow that deny rule.",
        policy.decide(ip("10.99.1.5")).reason());
  }

  @Test
  void reasonForAnAllowNamesTheRule() {
    assertEquals(
        "172.21.0.4 matches \"allow 172.16.0.0/12 (RFC 1918 private)\", so this policy"
            + " treats it as private.",
        NetworkPolicy.defaults().decide(ip("172.21.0.4")).reason());
  }

  @Test
  void reasonForAPublicAddressPointsAtTheDnsZone() {
    assertEquals(
        "52.239.148.100 is a public address, which no rule of this policy allows;"
            + " traffic would cross the public internet; usually the privatelink DNS zone is not"
            + " linked to this network, or the service has no private endpoint.",
        NetworkPolicy.defaults().decide(ip("52.239.148.100")).reason());
  }

  @Test
  void decisionsWithEqualAddressAndRuleAreEqual() {
    assertEquals(
        NetworkPolicy.defaults().decide(ip("10.1.2.3")),
        NetworkPolicy.builder().build().decide(ip("10.1.2.3")));
    assertNotEquals(
        NetworkPolicy.defaults().decide(ip("10.1.2.3")),
        NetworkPolicy.builder().deny("10.1.0.0/16").build().decide(ip("10.1.2.3")));
  }

  @Test
  void nullAddressIsRejected() {
    assertThrows(NullPointerException.class, () -> NetworkPolicy.defaults().decide(null));
  }

  @Test
  void embeddedFormsInTheTableAreReallyInet6() {
    // Guards the table: if the JDK ever unwrapped embedded forms, the table would test IPv4.
    assertInstanceOf(Inet6Address.class, ip("::10.0.0.1"));
    assertInstanceOf(Inet6Address.class, ip("2001:0:4136:e378:8000:63bf:f5ff:fffe"));
  }

  // ---- Invalid rules ----
  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      ``                      | it is empty
      garbage                 | not an IP address literal; host names are never accepted
      localhost               | not an IP address literal; host names are never accepted
      fhir.azurehealthcareapis.com | host names are never accepted
      10.0.0.0/33             | the prefix length 33 is out of range: IPv4 allows 0 to 32
      fd00::/129              | the prefix length 129 is out of range: IPv6 allows 0 to 128
      10.0.0.0/-1             | must be a decimal number from 0 to 32
      10.0.0.0/               | must be a decimal number from 0 to 32
      10.0.0.0/08             | the prefix length '08' has a leading zero
      10.0.0.0/8/8            | more than one '/'
      10.0.0.1/8              | host bits are set after the first 8 bits (did you mean 10.0.0.0/8?)
      fd00::1/64              | host bits are set after the first 64 bits (did you mean fd00::/64?)
      fe80::1%eth0            | zone ids
      fe80::1%2/128           | zone ids
      010.0.0.1/32            | IPv4 part '010' has a leading zero
      10.1/16                 | exactly four dotted decimal parts
      1.2.3.4.5               | exactly four dotted decimal parts
      10.0.0.256              | IPv4 part 256 is above 255
      ` 10.0.0.0/8`           | whitespace
      [fd00::1]               | remove the brackets
      fd00:::1                | '::' may appear only once
      1::2::3                 | '::' may appear only once
      :1::                    | IPv6 group '' must be 1 to 4 hex digits
      fd00:12345::/32         | IPv6 group '12345' must be 1 to 4 hex digits
      fd00:xyz::/32           | IPv6 group 'xyz' is not hexadecimal
      1:2:3:4:5:6:7           | needs 8 groups
      1:2:3:4:5:6:7:8:9       | needs 8 groups
      1:2:3:4::5:6:7:8        | has at most 8 groups
      10.0.0.1::              | an embedded IPv4 quad may only end an IPv6 address
      ::ffff:10.0.0.0/104     | IPv4-mapped addresses are judged as their IPv4 address, so this rule would never match; write it as 10.0.0.0/8
      """)
  void invalidCidrIsRejectedWithAnExplanation(String cidr, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NetworkPolicy.builder().deny(cidr));

    assertTrue(e.getMessage().contains(expected), e::getMessage);
    assertTrue(
        e.getMessage()
            .contains(
                "Expected an IPv4 or IPv6 network in CIDR form such as"
                    + " 10.0.0.0/8 or fd12:3456::/48"),
        e::getMessage);
  }

  @ParameterizedTest(name = "allow(\"{0}\")")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      0.0.0.0/0    | it would allow every address and would make the guard meaningless
      ::/0         | it would allow every address and would make the guard meaningless
      0.0.0.0/1    | no broader than /8 for IPv4
      128.0.0.0/7  | no broader than /8 for IPv4
      fc00::/6     | no broader than /7 for IPv6
      """)
  void overlyBroadAllowIsRefused(String cidr, String expected) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NetworkPolicy.builder().allow(cidr));

    assertTrue(e.getMessage().contains(expected), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0/0", "::/0", "128.0.0.0/1"})
  void anyDenyIsAccepted(String cidr) {
    NetworkPolicy policy = NetworkPolicy.builder().deny(cidr).build();

    assertTrue(policy.rules().contains("deny " + cidr), policy::toString);
  }

  @Test
  void broadestAcceptedAllowIsSlash8ForIpv4() {
    NetworkPolicy policy = NetworkPolicy.builder().withoutDefaults().allow("11.0.0.0/8").build();

    assertTrue(allowed(policy, "11.1.2.3"));
  }

  @Test
  void nullCidrIsRejected() {
    assertThrows(NullPointerException.class, () -> NetworkPolicy.builder().allow(null));
  }
}
