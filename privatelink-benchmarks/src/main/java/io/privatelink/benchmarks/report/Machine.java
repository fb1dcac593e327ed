package io.privatelink.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers ran on, read at run time so the report cannot claim another machine. */
public final class Machine {
  private Machine() {}

  /**
   * E.g. {@code "2 cores, OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1, Linux 6.1 amd64"}.
   */
  public static String describe() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + System.getProperty("java.vm.name")
        + " "
        + System.getProperty("java.runtime.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch");
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "n/a" where there is none. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
