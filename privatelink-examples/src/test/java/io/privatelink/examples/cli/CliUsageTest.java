package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Help, version and usage errors of {@code privatelink}: exit 0 or 64, never a stack trace. */
class CliUsageTest {

  @Test
  void helpOfTheTopLevelCommandListsCheck() {
    CliResult.run("--help").assertHelp("Usage: privatelink ", "  check  ");
  }

  @Test
  void helpOfTheTopLevelCommandListsEveryCommandWithTheFirstLineOfItsDescription() {
    CliResult.run("--help")
        .assertHelp(
            "Usage: privatelink ",
            "\n  demo          Shows the guard at work on this machine",
            "\n  check         Checks that each TARGET resolves",
            "\n  doctor        Runs the private-link checklist",
            "\n  sandbox       Starts a sandbox on loopback",
            "\n  capabilities  Reads the CapabilityStatement",
            "\n  dicom-health  Calls GET [URL]/health/check",
            "\n  export        Runs a system-level FHIR bulk $export",
            "\n  help          Display help information");
  }

  @Test
  void helpOfCheckListsItsOptionsAndExitStatuses() {
    CliResult.run("check", "--help")
        .assertHelp(
            "Usage: privatelink check ",
            "--dns",
            "--allow",
            "--deny",
            "--timeout",
            "--json",
            "--verbose",
            "64   bad usage or input");
  }

  @Test
  void helpCommandWorksForCheckToo() {
    CliResult.run("help", "check").assertHelp("Usage: privatelink check ");
  }

  @Test
  void versionNamesTheProjectVersion() {
    CliResult r = CliResult.run("--version");

    assertEquals(0, r.status, r::toString);
    assertTrue(r.out.startsWith("privatelink " + VersionProvider.projectVersion()), r::toString);
    assertFalse(r.out.contains("${"), r::toString);
  }

  @Test
  void noCommandIsAUsageError() {
    CliResult r = CliResult.run();

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
    assertTrue(r.err.startsWith("privatelink: missing a command"), r::toString);
  }

  @Test
  void misspelledCommandSuggestsTheRightOne() {
    CliResult r = CliResult.run("chek", "x.test");

    r.assertUsageError("Did you mean: privatelink check");
  }

  @Test
  void checkWithoutTargetIsAUsageError() {
    CliResult r = CliResult.run("check", "--dns", "127.0.0.1:9");

    r.assertUsageError("TARGET");
  }

  @Test
  void malformedAllowIsOneParagraphWithoutStackTrace() {
    CliResult r =
        CliResult.run("check", "--dns", "127.0.0.1:9", "--allow", "10.0.0.0/33", "x.test");

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
    assertTrue(r.err.startsWith("privatelink check: --allow '10.0.0.0/33': "), r::toString);
    assertFalse(r.err.contains("\tat "), r::toString);
    assertEquals("", r.out);
  }

  @Test
  void tooBroadAllowIsAUsageError() {
    CliResult r = CliResult.run("check", "--dns", "127.0.0.1:9", "--allow", "0.0.0.0/0", "x.test");

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
  }

  @Test
  void malformedDenyIsAUsageError() {
    CliResult r = CliResult.run("check", "--dns", "127.0.0.1:9", "--deny", "10.0.0.1/8", "x.test");

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
    assertTrue(r.err.startsWith("privatelink check: --deny '10.0.0.1/8': "), r::toString);
  }

  @Test
  void nameserverGivenByHostNameIsAUsageError() {
    CliResult r = CliResult.run("check", "--dns", "dns.example.test:53", "x.test");

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
    assertTrue(r.err.startsWith("privatelink check: --dns: "), r::toString);
    assertTrue(r.err.contains("e.g. --dns 10.0.0.4"), r::toString);
  }

  @Test
  void unreadableTimeoutIsAUsageError() {
    CliResult r = CliResult.run("check", "--dns", "127.0.0.1:9", "--timeout", "soon", "x.test");

    r.assertUsageError("write it like 500ms, 2s or 1m");
  }
}
