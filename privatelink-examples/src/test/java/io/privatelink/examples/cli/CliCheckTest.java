package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Verdict;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    r.assertPrinted(ExitStatus.PRIVATE, "Verdict:   PRIVATE");
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

    check(HOST).assertPrinted(ExitStatus.PRIVATE, "Address:   fd00::4 allowed by allow fc00::/7");
  }

  @Test
  void urlTargetIsCheckedByItsHost() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    check("https://" + HOST + "/metadata").assertPrinted(ExitStatus.PRIVATE, "Name:      " + HOST);
  }

  @Test
  void unlinkedZoneExitsTwoWithTheTrafficManagerHint() {
    dns.unlinkedZone(HOST, "52.1.2.3");

    check(HOST)
        .assertPrinted(
            ExitStatus.VIOLATION,
            "Verdict:   PUBLIC_ADDRESS",
            "Address:   52.1.2.3 denied by no rule: public address",
            "Hint:      the chain reaches privatelink.azurehealthcareapis.com and"
                + " then Traffic Manager");
  }

  /** One DNS answer for {@code HOST}, and the exit status and verdict {@code check} gives it. */
  private record VerdictCase(
      String behaviour, Consumer<DnsSandbox> answer, int status, Verdict verdict) {
    @Override
    public String toString() {
      return behaviour;
    }
  }

  static Stream<VerdictCase> verdicts() {
    return Stream.of(
        new VerdictCase(
            "a public-only host exits 2",
            dns -> dns.publicOnly(HOST, "52.1.2.3"),
            ExitStatus.VIOLATION,
            Verdict.PUBLIC_ADDRESS),
        new VerdictCase(
            "mixed addresses exit 2",
            dns -> dns.privateEndpoint(HOST, "127.0.0.1", "52.1.2.3"),
            ExitStatus.VIOLATION,
            Verdict.MIXED_ADDRESSES),
        new VerdictCase(
            "a private address outside a privatelink zone exits 2",
            dns -> dns.a(HOST, "127.0.0.1"),
            ExitStatus.VIOLATION,
            Verdict.NOT_VIA_PRIVATE_LINK),
        new VerdictCase(
            "NXDOMAIN exits 3",
            dns -> dns.fault(HOST, DnsFault.NXDOMAIN),
            ExitStatus.DNS_PROBLEM,
            Verdict.NO_SUCH_HOST),
        new VerdictCase(
            "a name without addresses exits 3",
            // makes HOST an empty non-terminal: NOERROR, no records
            dns -> dns.a("deep." + HOST, "127.0.0.1"),
            ExitStatus.DNS_PROBLEM,
            Verdict.NO_ADDRESSES));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void exitStatusAndVerdictFollowTheAnswer(VerdictCase c) {
    c.answer().accept(dns);

    check(HOST).assertPrinted(c.status(), "Verdict:   " + c.verdict());
  }

  @Test
  void silentNameserverFailsWithinTheTimeout() {
    dns.privateEndpoint(HOST, "127.0.0.1").fault(HOST, DnsFault.DROP);

    long start = System.nanoTime();
    CliResult r = check("--timeout", "500ms", HOST);
    long millis = (System.nanoTime() - start) / 1_000_000;

    r.assertPrinted(
        ExitStatus.DNS_PROBLEM,
        "Verdict:   DNS_FAILURE",
        "Server:    " + dns.nameserver() + " (no usable answer)");
    assertTrue(millis < 2_000, "took " + millis + " ms");
  }

  @Test
  void ambiguousIpLiteralIsRejectedWithUsageStatus() {
    CliResult r = check("0x7f.1");

    r.assertPrinted(ExitStatus.USAGE, "Verdict:   REJECTED_INPUT", "Server:    (not asked)");
    assertEquals(0, dns.udpQueries() + dns.tcpQueries());
  }

  @Test
  void violationWinsOverADnsFailureOfAnotherTarget() {
    dns.unlinkedZone(HOST, "52.1.2.3").fault(OTHER, DnsFault.NXDOMAIN);

    assertEquals(ExitStatus.VIOLATION, check(OTHER, HOST).status);
  }

  @Test
  void dnsFailureOfOneTargetFailsTheCheckWhenNoneViolates() {
    dns.privateEndpoint(HOST, "127.0.0.1").fault(OTHER, DnsFault.NXDOMAIN);

    check(HOST, OTHER)
        .assertPrinted(ExitStatus.DNS_PROBLEM, "Verdict:   PRIVATE", "Verdict:   NO_SUCH_HOST");
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
