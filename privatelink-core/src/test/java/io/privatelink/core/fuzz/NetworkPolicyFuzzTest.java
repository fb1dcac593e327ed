package io.privatelink.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.privatelink.core.NetworkPolicy;
import io.privatelink.core.internal.policy.Cidr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes rule parsing and decisions. In CI (regression mode) it replays the seeds under {@code
 * src/test/resources/io/privatelink/core/fuzz/NetworkPolicyFuzzTestInputs/}.
 */
class NetworkPolicyFuzzTest {

  private static final NetworkPolicy TEST_POLICY =
      NetworkPolicy.builder().withoutDefaults().allow("127.0.0.1/32").build();

  /**
   * Rule text is either refused with an IllegalArgumentException or accepted; accepted text is
   * plain ASCII and its canonical form parses back to the same network.
   */
  @FuzzTest(maxDuration = "5m") // fuzzing mode only; CI replays the seeds in well under a second
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void ruleParsingThrowsOnlyIllegalArgumentAndRoundTrips(byte[] data) {
    String text = FuzzText.decode(data);
    try {
      NetworkPolicy.builder().allow(text).build();
    } catch (IllegalArgumentException refused) {
      // expected for most input
    }
    Cidr cidr;
    try {
      NetworkPolicy.builder().deny(text).build();
      cidr = Cidr.parse(text);
    } catch (IllegalArgumentException refused) {
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ascii =
          c == '.'
              || c == ':'
              || c == '/'
              || (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F');
      if (!ascii) {
        throw new AssertionError("accepted a rule with '" + c + "' (U+" + (int) c + "): " + text);
      }
    }
    assertEquals(cidr, Cidr.parse(cidr.toString()), () -> text + " -> " + cidr);
  }

  /**
   * Deciding never throws for any 4 or 16 bytes, and the test policy allows exactly 127.0.0.1 (also
   * when it arrives as IPv4-mapped IPv6), nothing else.
   */
  @FuzzTest(maxDuration = "5m") // fuzzing mode only; CI replays the seeds in well under a second
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void decisionsNeverThrowAndAllowExactlyTheAllowedAddress(byte[] data)
      throws UnknownHostException {
    // Up to 4 bytes: IPv4; more: IPv6 from the first 16, a scope id from the 17th if present.
    boolean v6 = data.length > 4;
    byte[] bytes = Arrays.copyOf(data, v6 ? 16 : 4);
    int scope = data.length > 16 ? data[16] & 0x03 : -1;
    // Inet6Address.getByAddress keeps an IPv4-mapped address as IPv6, as a socket may report it.
    InetAddress address =
        v6 ? Inet6Address.getByAddress(null, bytes, scope) : InetAddress.getByAddress(bytes);
    NetworkPolicy.Decision decision = TEST_POLICY.decide(address);
    NetworkPolicy.defaults().decide(address).reason();
    decision.reason();
    decision.toString();
    boolean isAllowedAddress =
        v6
            ? isMapped(bytes)
                && bytes[12] == 127
                && bytes[13] == 0
                && bytes[14] == 0
                && bytes[15] == 1
            : bytes[0] == 127 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 1;
    assertEquals(isAllowedAddress, decision.allowed(), decision::toString);
  }

  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }
}
