package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.testkit.DnsSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code privatelink check}, run in-process against a {@link DnsSandbox}. */
class CliCheckTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final String OTHER = "otherfhir.azurehealthcareapis.com";

  @RegisterExtension static final CheckSandbox SANDBOX = new CheckSandbox();

  private final DnsSandbox dns = SANDBOX.dns();

  /**
   * {@code check --dns SANDBOX --allow 127.0.0.1/32 args...}: loopback plays the private endpoint.
   */
  private CliResult check(String... args) {
    return CliResult.run(SANDBOX.check(args));
  }

  @Test
  void linkedPrivateEndpointExitsZero() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    CliResult r = check(HOST);

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PRIVATE"), r::toString);
    assertEquals("", r.err);
  }

  @Test
  void reportShowsNameserverChainOneNamePerLineAndEachAddressWithItsRule() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    CliResult r = check(HOST);

    assertEquals(
        "Server:    "
            + dns.nameserver()
            + "\n"
            + "Name:      myfhir.azurehealthcareapis.com\n"
            + "Chain:     myfhir.azurehealthcareapis.com\n"
            + "        -> myfhir.privatelink.azurehealthcareapis.com\n"
            + "Address:   127.0.0.1 allowed by allow 127.0.0.1/32, ttl 60\n"
            + "Zone:      privatelink.azurehealthcareapis.com\n"
            + "Verdict:   PRIVATE\n",
        r.out.replace(System.lineSeparator(), "\n"));
  }

  @Test
  void ipv6AddressIsPrintedInShortForm() {
    dns.privateEndpoint(HOST, "fd00:0:0:0:0:0:0:4");

    CliResult r = check(HOST);

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(r.out.contains("Address:   fd00::4 allowed by allow fc00::/7"), r::toString);
  }

  @Test
  void urlTargetIsCheckedByItsHost() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    CliResult r = check("https://" + HOST + "/metadata");

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(r.out.contains("Name:      " + HOST), r::toString);
  }

  @Test
  void unlinkedZoneExitsTwoWithTheTrafficManagerHint() {
    dns.unlinkedZone(HOST, "52.1.2.3");

    CliResult r = check(HOST);

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PUBLIC_ADDRESS"), r::toString);
    assertTrue(
        r.out.contains("Address:   52.1.2.3 denied by no rule: public address"), r::toString);
    assertTrue(
        r.out.contains(
            "Hint:      the chain reaches privatelink.azurehealthcareapis.com and"
                + " then Traffic Manager"),
        r::toString);
  }

  @Test
  void publicOnlyHostExitsTwo() {
    dns.publicOnly(HOST, "52.1.2.3");

    CliResult r = check(HOST);

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PUBLIC_ADDRESS"), r::toString);
  }

  @Test
  void mixedAddressesExitTwo() {
    dns.privateEndpoint(HOST, "127.0.0.1", "52.1.2.3");

    CliResult r = check(HOST);

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   MIXED_ADDRESSES"), r::toString);
  }

  @Test
  void privateAddressOutsideAPrivatelinkZoneExitsTwo() {
    dns.a(HOST, "127.0.0.1");

    CliResult r = check(HOST);

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   NOT_VIA_PRIVATE_LINK"), r::toString);
  }

  @Test
  void nxdomainExitsThree() {
    dns.nxdomain(HOST);

    CliResult r = check(HOST);

    assertEquals(ExitStatus.DNS_PROBLEM, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   NO_SUCH_HOST"), r::toString);
  }

  @Test
  void nameWithoutAddressesExitsThree() {
    dns.a("deep." + HOST, "127.0.0.1"); // makes HOST an empty non-terminal: NOERROR, no records

    CliResult r = check(HOST);

    assertEquals(ExitStatus.DNS_PROBLEM, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   NO_ADDRESSES"), r::toString);
  }

  @Test
  void silentNameserverFailsWithinTheTimeout() {
    dns.privateEndpoint(HOST, "127.0.0.1").drop(HOST);

    long start = System.nanoTime();
    CliResult r = check("--timeout", "500ms", HOST);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(ExitStatus.DNS_PROBLEM, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   DNS_FAILURE"), r::toString);
    assertTrue(
        r.out.contains("Server:    " + dns.nameserver() + " (no usable answer)"), r::toString);
    assertTrue(millis < 2_000, "took " + millis + " ms");
  }

  @Test
  void ambiguousIpLiteralIsRejectedWithUsageStatus() {
    CliResult r = check("0x7f.1");

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   REJECTED_INPUT"), r::toString);
    assertTrue(r.out.contains("Server:    (not asked)"), r::toString);
    assertEquals(0, dns.udpQueries() + dns.tcpQueries());
  }

  @Test
  void violationWinsOverADnsFailureOfAnotherTarget() {
    dns.unlinkedZone(HOST, "52.1.2.3").nxdomain(OTHER);

    assertEquals(ExitStatus.VIOLATION, check(OTHER, HOST).status);
  }

  @Test
  void dnsFailureOfOneTargetFailsTheCheckWhenNoneViolates() {
    dns.privateEndpoint(HOST, "127.0.0.1").nxdomain(OTHER);

    CliResult r = check(HOST, OTHER);

    assertEquals(ExitStatus.DNS_PROBLEM, r.status, r::toString);
    assertTrue(r.out.contains("Verdict:   PRIVATE"), r::toString);
    assertTrue(r.out.contains("Verdict:   NO_SUCH_HOST"), r::toString);
  }

  @Test
  void verboseExplainsEachPolicyDecision() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    CliResult r = check("--verbose", HOST);

    assertTrue(r.out.contains("127.0.0.1 matches \"allow 127.0.0.1/32\""), r::toString);
  }

  @Test
  void verboseBeforeTheCommandNameAlsoCounts() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    CliResult r =
        CliResult.run(
            "--verbose", "check", "--dns", dns.nameserver(), "--allow", "127.0.0.1/32", HOST);

    assertTrue(r.out.contains("127.0.0.1 matches \"allow 127.0.0.1/32\""), r::toString);
  }

  @Test
  void withoutVerboseNoDecisionIsExplained() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    assertFalse(check(HOST).out.contains("matches"));
  }
}
