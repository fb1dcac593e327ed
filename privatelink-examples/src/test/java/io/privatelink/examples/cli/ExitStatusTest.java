package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.privatelink.core.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How verdicts map to exit statuses, and which status wins when targets disagree. */
class ExitStatusTest {

  @Test
  void eachVerdictHasItsStatus() {
    assertEquals(0, ExitStatus.of(Verdict.PRIVATE));
    assertEquals(2, ExitStatus.of(Verdict.PUBLIC_ADDRESS));
    assertEquals(2, ExitStatus.of(Verdict.MIXED_ADDRESSES));
    assertEquals(2, ExitStatus.of(Verdict.NOT_VIA_PRIVATE_LINK));
    assertEquals(3, ExitStatus.of(Verdict.NO_SUCH_HOST));
    assertEquals(3, ExitStatus.of(Verdict.NO_ADDRESSES));
    assertEquals(3, ExitStatus.of(Verdict.DNS_FAILURE));
    assertEquals(64, ExitStatus.of(Verdict.REJECTED_INPUT));
    assertEquals(64, ExitStatus.of(Verdict.HOST_NOT_ALLOWED));
  }

  @Test
  void violationWinsOverEverything() {
    assertEquals(
        2,
        ExitStatus.of(
            List.of(
                Verdict.REJECTED_INPUT,
                Verdict.DNS_FAILURE,
                Verdict.MIXED_ADDRESSES,
                Verdict.PRIVATE)));
  }

  @Test
  void rejectedInputWinsOverDnsProblems() {
    assertEquals(64, ExitStatus.of(List.of(Verdict.NO_SUCH_HOST, Verdict.REJECTED_INPUT)));
  }

  @Test
  void dnsProblemWinsOverPrivate() {
    assertEquals(3, ExitStatus.of(List.of(Verdict.PRIVATE, Verdict.NO_ADDRESSES)));
  }

  @Test
  void allPrivateIsZero() {
    assertEquals(0, ExitStatus.of(List.of(Verdict.PRIVATE, Verdict.PRIVATE)));
  }
}
