package io.privatelink.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a piece of work wrote to {@code System.err}, for tests that count log lines: a refusal must
 * not flood an application's log. SLF4J's simple binding (a common test binding) writes there, one
 * line per event with the level between spaces ({@code [main] WARN io.privatelink...}).
 *
 * <pre>{@code
 * CapturedLog log = CapturedLog.ofStdErr(() -> System.err.println("[main] WARN demo - refused"));
 *
 * assertEquals(1, log.lines("WARN"));
 * assertEquals(0, log.lines("ERROR"), log.text());
 * }</pre>
 */
public final class CapturedLog {

  private final String text;

  private CapturedLog(String text) {
    this.text = text;
  }

  /**
   * Runs {@code work} with {@code System.err} captured, then restores it and echoes what was
   * captured there (so a failing test's output still shows it). Not for tests running in parallel:
   * {@code System.err} is global.
   *
   * @param work what to run; an exception it throws propagates after {@code System.err} is restored
   * @return what {@code work} wrote to {@code System.err}
   */
  public static CapturedLog ofStdErr(Runnable work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return new CapturedLog(text);
  }

  /**
   * Everything captured.
   *
   * @return the captured text, line separators included
   */
  public String text() {
    return text;
  }

  /**
   * The lines that name {@code level} (e.g. {@code "ERROR"}) as a word between spaces.
   *
   * @param level a log level as the binding prints it, e.g. {@code "WARN"}
   * @return how many captured lines carry it
   */
  public long lines(String level) {
    return text.lines().filter(l -> l.contains(" " + level + " ")).count();
  }

  /** {@link #text()}, so the log can be an assertion message. */
  @Override
  public String toString() {
    return text;
  }
}
