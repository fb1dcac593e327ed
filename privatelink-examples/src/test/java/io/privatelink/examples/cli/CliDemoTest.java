package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code privatelink demo}, run once in-process; each test checks one fact its output shows. The
 * demo asserts its own steps, so exit 0 means each PASS line was earned.
 */
class CliDemoTest {

  private static CliResult demo;

  @BeforeAll
  static void runDemo() {
    demo = CliResult.run("demo");
  }

  private static void assertShows(String text) {
    assertTrue(demo.out.contains(text), () -> "expected '" + text + "' in\n" + demo);
  }

  @Test
  void exitsZero() {
    assertEquals(ExitStatus.PRIVATE, demo.status, demo::toString);
  }

  @Test
  void printsNothingOnStderr() {
    assertEquals("", demo.err);
  }

  @Test
  void saysWhichLoopbackAddressPlaysWhat() {
    assertShows("127.0.0.1 plays the private endpoint, 127.0.0.2 the public internet");
    assertShows("exactly 127.0.0.1/32");
  }

  @Test
  void everyStepPasses() {
    assertEquals(
        5, Pattern.compile("(?m)^   PASS  ").matcher(demo.out).results().count(), demo::toString);
    assertTrue(!demo.out.contains("FAIL"), demo::toString);
    assertShows("Result: PASS, all 5 steps behaved as shown.");
  }

  @Test
  void stepOneChecksTheLinkedHostAsPrivateWithItsChain() {
    assertShows("1. privatelink check sandbox-fhir.fhir.azurehealthcareapis.com");
    assertShows("   Chain:     sandbox-fhir.fhir.azurehealthcareapis.com");
    assertShows("           -> sandbox-fhir.privatelink.fhir.azurehealthcareapis.com");
    assertShows("   Verdict:   PRIVATE");
  }

  @Test
  void stepTwoShowsFhirVersionSoftwareAndResourceTypes() {
    assertShows("   FHIR version:   4.0.1");
    assertShows("   Software:       privatelink-testkit");
    assertShows("   Resource types: Observation, OperationDefinition, Patient");
  }

  @Test
  void stepThreeShowsTheDicomHealth() {
    assertShows("/health/check: HTTP 200");
    assertShows("   Overall status: Healthy");
  }

  @Test
  void stepFourBlocksTheUnlinkedHostWithPublicAddress() {
    assertShows(
        "4. The same app pointed at an unlinked host: unlinked-fhir.fhir.azurehealthcareapis.com");
    assertShows("   Verdict:   PUBLIC_ADDRESS");
    assertShows("   Address:   127.0.0.2 denied by no rule");
    assertShows(
        "   Hint:      the chain reaches privatelink.fhir.azurehealthcareapis.com and then Traffic Manager");
  }

  @Test
  void stepFiveCountsZeroCanaryConnections() {
    assertShows("5. The canaries on 127.0.0.2 (the public internet)");
    assertShows("   Connections: 0");
  }

  @Test
  void helpSaysItNeedsNoArgumentsAndNoAzure() {
    CliResult.run("demo", "--help").assertHelp("Usage: privatelink demo ", "no Azure account");
  }
}
