package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ResolverConfig;

/**
 * {@code check} without picocli ({@link CheckFastPath}): it serves the common command lines with
 * the very output and status picocli gives them, and leaves every other to picocli.
 */
class CheckFastPathTest {

  private static final String HOST = "myfhir.azurehealthcareapis.com";
  private static final String OTHER = "otherfhir.azurehealthcareapis.com";

  @RegisterExtension static final CheckSandbox SANDBOX = new CheckSandbox();

  private final DnsSandbox dns = SANDBOX.dns();

  @Test
  void servesCheckOfAnIpLiteralWithTheDefaultTimeout() {
    CheckFastPath.Check check = CheckFastPath.parse("check", "10.0.0.4").orElseThrow();

    assertEquals(List.of("10.0.0.4"), check.targets());
    assertEquals(Duration.ofSeconds(3), check.timeout());
    assertEquals(List.of(), check.dns());
  }

  @Test
  void readsEveryOptionOfCheckAsPicocliDoes() {
    CheckFastPath.Check check =
        CheckFastPath.parse(
                "--verbose",
                "check",
                "--dns",
                "127.0.0.1:5353",
                "a.test",
                "--dns",
                "[::1]:53",
                "--allow",
                "100.64.0.0/10",
                "--deny",
                "10.99.0.0/16",
                "--timeout",
                "500ms",
                "--json",
                "b.test")
            .orElseThrow();

    assertEquals(
        new CheckFastPath.Check(
            List.of("127.0.0.1:5353", "[::1]:53"),
            List.of("100.64.0.0/10"),
            List.of("10.99.0.0/16"),
            Duration.ofMillis(500),
            true,
            true,
            List.of("a.test", "b.test")),
        check);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "check",
        "check --help",
        "check -h x.test",
        "check --version",
        "check --dns=10.0.0.4 x.test",
        "check --dns",
        "check --dns --json x.test",
        "check -- x.test",
        "check @args.txt",
        "check --json --json x.test",
        "--verbose check --verbose x.test",
        "check --timeout 1s --timeout 2s x.test",
        "check --timeout soon x.test",
        "check --timeout 0s x.test",
        "check --bogus x.test",
        "--json check x.test",
        "help check",
        "demo",
        "chek x.test"
      })
  void leavesEveryOtherCommandLineToPicocli(String line) {
    assertTrue(CheckFastPath.parse(line.split(" ")).isEmpty(), line);
  }

  @Test
  void leavesABadOptionValueToPicocliWithoutPrintingAnything() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    boolean served =
        CheckFastPath.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "check",
                "--dns",
                "127.0.0.1:9",
                "--allow",
                "10.0.0.0/33",
                "x.test")
            .isPresent();

    assertFalse(served);
    assertEquals("", out.toString() + err.toString());
  }

  @Test
  void printsAndExitsAsPicocliForALinkedHost() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    assertSameAsPicocli(SANDBOX.check(HOST));
  }

  @Test
  void printsAndExitsAsPicocliForAViolationAndADnsFailure() {
    dns.unlinkedZone(HOST, "52.1.2.3").fault(OTHER, DnsFault.NXDOMAIN);

    assertSameAsPicocli(SANDBOX.check(OTHER, HOST));
  }

  @Test
  void printsAndExitsAsPicocliWithJson() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    assertSameAsPicocli("check", "--json", "--dns", dns.nameserver(), HOST, "10.0.0.4");
  }

  @Test
  void printsAndExitsAsPicocliWithVerboseBeforeOrAfterTheCommandName() {
    dns.privateEndpoint(HOST, "127.0.0.1");

    assertSameAsPicocli("--verbose", "check", "--dns", dns.nameserver(), HOST, "0x7f.1");
    assertSameAsPicocli(
        "check", HOST, "--dns", dns.nameserver(), "--deny", "10.0.0.0/8", "--verbose", "10.0.0.4");
  }

  @Test
  void printsAndExitsAsPicocliForAnIpLiteralWithTheSystemNameservers() {
    assertSameAsPicocli("check", "10.0.0.4");
  }

  @Test
  void asksForTheNameserversDnsjavaFindsInTheSystemConfiguration() {
    assertEquals(ResolverConfig.getCurrentConfig().servers(), ResolverOptions.systemNameservers());
  }

  private static void assertSameAsPicocli(String... args) {
    assertTrue(CheckFastPath.parse(args).isPresent(), () -> "not served: " + List.of(args));
    StringWriter fastOut = new StringWriter();
    StringWriter fastErr = new StringWriter();
    int fast = PrivatelinkCli.run(new PrintWriter(fastOut), new PrintWriter(fastErr), args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int picocli = PrivatelinkCli.runWithPicocli(new PrintWriter(out), new PrintWriter(err), args);

    assertEquals(
        List.of(String.valueOf(picocli), out.toString(), err.toString()),
        List.of(String.valueOf(fast), fastOut.toString(), fastErr.toString()));
  }
}
