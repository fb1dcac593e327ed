package io.privatelink.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.privatelink.core.PrivateLinkResolver.ZoneRequirement;
import io.privatelink.core.internal.policy.Cidr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Runs {@code adversarial-corpus.csv}: every row is one attack on the host intake, the network
 * policy or the rule parser, with what the guard must answer and where the case comes from. Add a
 * row, not a test, for a new case.
 */
class AdversarialCorpusTest {

  private static final NetworkPolicy TEST_POLICY =
      NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build();

  /** Judges IP literals only, so the nameserver (a closed loopback port) is never asked. */
  private static final PrivateLinkResolver RESOLVER =
      PrivateLinkResolver.builder()
          .nameservers("127.0.0.1:9")
          .timeout(Duration.ofMillis(300))
          .policy(TEST_POLICY)
          .requirePrivateLinkZone(ZoneRequirement.FOR_NO_HOST)
          .noCache()
          .build();

  @ParameterizedTest(name = "[{index}] {0} {1} -> {2} ({3})")
  @CsvFileSource(
      resources = "/adversarial-corpus.csv",
      ignoreLeadingAndTrailingWhitespace = false,
      maxCharsPerColumn = 1024)
  void theGuardAnswersEveryAdversarialInputAsTheCorpusSays(
      String kind, String rawInput, String expected, String source) throws Exception {
    String input = unescape(rawInput);
    switch (kind) {
      case "ip-default":
        checkDecision(NetworkPolicy.defaults(), input, expected);
        break;
      case "ip-test":
        checkDecision(TEST_POLICY, input, expected);
        break;
      case "intake":
        checkIntake(input, expected);
        break;
      case "cidr":
        checkCidr(input, expected);
        break;
      default:
        fail("unknown kind '" + kind + "' in the corpus");
    }
  }

  private static void checkDecision(NetworkPolicy policy, String input, String expected)
      throws UnknownHostException {
    NetworkPolicy.Decision decision = policy.decide(address(input));
    String[] parts = expected.split("~", 2);
    assertEquals(parts[0], decision.allowed() ? "ALLOWED" : "DENIED", decision::toString);
    if (parts.length == 2) {
      assertTrue(
          decision.rule().contains(parts[1]),
          () -> "rule should name '" + parts[1] + "': " + decision.rule());
    }
  }

  private static void checkIntake(String input, String expected) {
    if (expected.equals("REJECTED_INPUT")) {
      PrivateLinkException e =
          assertThrows(
              PrivateLinkException.class,
              () -> ServiceEndpoint.parse(input),
              () -> "ServiceEndpoint.parse should refuse it");
      assertEquals(Verdict.REJECTED_INPUT, e.verdict());
      assertEquals(Verdict.REJECTED_INPUT, RESOLVER.diagnose(input).verdict(), "diagnose");
      return;
    }
    String[] parts = expected.split(" ", 2);
    String host;
    try {
      host = ServiceEndpoint.parse(input).host();
    } catch (PrivateLinkException e) {
      throw new AssertionError("refused, expected " + expected + ": " + e.getMessage(), e);
    }
    assertEquals(parts[0], host, "canonical host");
    try {
      assertEquals(
          host, ServiceEndpoint.parse(host).host(), "the canonical host re-parses to itself");
    } catch (PrivateLinkException e) {
      throw new AssertionError("the canonical host '" + host + "' does not re-parse", e);
    }
    if (parts.length == 2) {
      assertEquals(Verdict.valueOf(parts[1]), RESOLVER.diagnose(input).verdict(), "verdict");
    }
  }

  private static void checkCidr(String input, String expected) {
    if (expected.equals("INVALID")) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parse(input));
    } else {
      assertEquals(expected, Cidr.parse(input).toString());
    }
  }

  /**
   * The address a literal names, built from bits (Cidr's strict parser), never by a lookup; an
   * IPv4-mapped literal stays an {@code Inet6Address}, as a socket API may hand it over.
   */
  private static InetAddress address(String literal) throws UnknownHostException {
    Cidr cidr = Cidr.parse(literal);
    if (cidr.isIpv4()) {
      int bits = cidr.ipv4Network();
      return InetAddress.getByAddress(
          new byte[] {
            (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits
          });
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (cidr.hi() >>> (56 - 8 * i));
      b[i + 8] = (byte) (cidr.lo() >>> (56 - 8 * i));
    }
    return Inet6Address.getByAddress(null, b, -1);
  }

  /** Decodes the corpus escapes: {@code \\uXXXX \\t \\n \\r \\0 \\\\}. */
  static String unescape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      switch (next) {
        case 'u':
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        case 't':
          out.append('\t');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case '0':
          out.append('\0');
          break;
        case '\\':
          out.append('\\');
          break;
        default:
          throw new IllegalArgumentException("unknown escape \\" + next + " in " + s);
      }
    }
    return out.toString();
  }
}
