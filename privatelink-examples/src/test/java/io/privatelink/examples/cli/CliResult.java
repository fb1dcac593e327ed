package io.privatelink.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one in-process run of {@link PrivatelinkCli} printed, and its exit status. */
final class CliResult {
  final int status;
  final String out;
  final String err;

  private CliResult(int status, String out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  /** Runs {@code privatelink args...} in this JVM. */
  static CliResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = PrivatelinkCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliResult(status, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
