package io.privatelink.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the DNS software the suite runs (Debian's {@code nsd}, {@code unbound}, {@code dnsmasq},
 * {@code ldnsutils}). Without a binary, a test skips and says what to install; with {@code CI=true}
 * it fails instead, because CI ({@code .ci/run}) installs them and a skip there would hide a gap.
 */
final class DnsSoftware {

  private static final List<String> DIRS =
      List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin");

  private DnsSoftware() {}

  /** The path of {@code binary}; skips (or, on CI, fails) the test when it is not installed. */
  static Path require(String binary, String debianPackage) {
    Path found = find(binary);
    if (found != null) {
      return found;
    }
    String why =
        binary
            + " is not installed (Debian: apt-get install "
            + debianPackage
            + "; .ci/run installs it)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true, so the conformance suite must not skip: " + why);
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }

  private static Path find(String binary) {
    List<String> dirs = new ArrayList<>(DIRS);
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    for (String dir : dirs) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
