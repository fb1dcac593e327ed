package io.privatelink.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** {@link CapturedLog} captures {@code System.err} around a piece of work and counts levels. */
class CapturedLogTest {

  @Test
  void countsTheLinesOfEachLevel() {
    // region:javadoc-CapturedLog
    CapturedLog log = CapturedLog.ofStdErr(() -> System.err.println("[main] WARN demo - refused"));

    assertEquals(1, log.lines("WARN"));
    assertEquals(0, log.lines("ERROR"), log.text());
    // endregion
  }

  @Test
  void systemErrIsRestoredEvenWhenTheWorkFails() {
    PrintStream before = System.err;

    assertThrows(
        IllegalStateException.class,
        () ->
            CapturedLog.ofStdErr(
                () -> {
                  throw new IllegalStateException("boom");
                }));

    assertSame(before, System.err);
  }
}
