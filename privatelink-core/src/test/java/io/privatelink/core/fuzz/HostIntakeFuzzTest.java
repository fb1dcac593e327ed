package io.privatelink.core.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.ServiceEndpoint;
import io.privatelink.core.Verdict;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the host and URL intake. In CI (regression mode) it replays the seeds under {@code
 * src/test/resources/io/privatelink/core/fuzz/HostIntakeFuzzTestInputs/}; see docs/FUZZING.md for a
 * fuzzing run.
 */
class HostIntakeFuzzTest {

  /**
   * {@code ServiceEndpoint.parse} refuses with {@code REJECTED_INPUT} or yields a host that parses
   * to itself; no other exception escapes (a RuntimeException fails the test as a finding).
   */
  @FuzzTest(maxDuration = "5m") // fuzzing mode only; CI replays the seeds in well under a second
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void parseRefusesOrYieldsAHostThatReparsesToItself(byte[] data) {
    String input = FuzzText.decode(data);
    String host;
    try {
      host = ServiceEndpoint.parse(input).host();
    } catch (PrivateLinkException e) {
      assertEquals(Verdict.REJECTED_INPUT, e.verdict(), e::getMessage);
      return;
    }
    try {
      assertEquals(host, ServiceEndpoint.parse(host).host(), () -> "input: " + input);
      assertEquals(host, ServiceEndpoint.parse("https://" + bracketed(host) + "/").host());
    } catch (PrivateLinkException e) {
      throw new AssertionError(
          "accepted '" + input + "' as '" + host + "', which is then refused", e);
    }
  }

  private static String bracketed(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
