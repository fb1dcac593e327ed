package io.privatelink.benchmarks.startup;

/**
 * The baseline of the CLI-start scenario: a JVM that prints "hi" and exits. {@link CliStart} runs
 * it from a directory holding only this class, so it pays JVM start and nothing else.
 */
public final class Hi {
  private Hi() {}

  /** Prints {@code hi}. */
  public static void main(String[] args) {
    System.out.println("hi");
  }
}
