package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.privatelink.examples.SandboxFixture;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.TestCertificates;
import io.privatelink.testkit.TlsTestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code privatelink doctor}, run in-process with {@code --no-auth} against an {@link AzureSandbox}
 * and the testkit's TLS fixtures: each step's PASS and FAIL as a person sees it, and the exit
 * status. The token step with a credential is specified in {@link DoctorTest}.
 */
class CliDoctorTest {

  private static final String OTHER_HOST = "doc-fhir.fhir.azurehealthcareapis.com";

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final SandboxFixture fixture = SandboxFixture.withHealthyDicom();

  @TempDir static Path tmp;

  static CliResult doctor(Path ca, String... args) {
    return CliResult.onSandbox(fixture, ca, "doctor", args);
  }

  static CliResult doctor(String... args) {
    return doctor(fixture.caCert(), args);
  }

  @Test
  void healthyFhirServicePassesEveryStepAndExitsZero() {
    CliResult r = doctor(fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(
        r.line("dns").contains("PASS  PRIVATE from " + fixture.sandbox().dns().nameserver()),
        r::toString);
    assertTrue(r.line("dns").contains("privatelink.fhir.azurehealthcareapis.com"), r::toString);
    assertTrue(
        r.line("tcp").matches("tcp +PASS  127\\.0\\.0\\.1:\\d+ connected in [0-9.]+ ms .*"),
        r::toString);
    assertTrue(r.line("tls").contains("names " + AzureSandbox.FHIR_HOST), r::toString);
    assertTrue(r.line("tls").contains("issuer CN=privatelink-testkit CA"), r::toString);
    assertTrue(r.line("token").contains("SKIP  --no-auth"), r::toString);
    assertTrue(
        r.line("service")
            .contains("PASS  GET /metadata: HTTP 200, FHIR 4.0.1, software privatelink-testkit"),
        r::toString);
    assertTrue(r.flat().contains("Result: PASS (exit 0)"), r::toString);
    assertEquals("", r.err);
  }

  @Test
  void healthyDicomServiceChecksTheHealthEndpoint() {
    CliResult r = doctor(fixture.sandbox().dicomBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(
        r.line("service").contains("PASS  GET /health/check: HTTP 200, overall status Healthy"),
        r::toString);
  }

  @Test
  void unlinkedZoneFailsDnsWithTheHintSkipsTheRestAndExitsTwo() {
    CliResult r = doctor(fixture.sandbox().unlinkedFhirBaseUrl());

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.line("dns").contains("FAIL  PUBLIC_ADDRESS"), r::toString);
    assertTrue(
        r.flat()
            .contains(
                "fix: the chain reaches privatelink.fhir.azurehealthcareapis.com and then Traffic Manager"),
        r::toString);
    for (String step : List.of("tcp", "tls", "token", "service")) {
      assertTrue(r.line(step).contains("SKIP  DNS did not verify"), r::toString);
    }
    fixture.sandbox().assertCanariesUntouched();
  }

  @Test
  void unknownHostExitsThree() {
    fixture.sandbox().dns().fault(OTHER_HOST, DnsFault.NXDOMAIN);

    CliResult r = doctor("https://" + OTHER_HOST + "/");

    assertEquals(ExitStatus.DNS_PROBLEM, r.status, r::toString);
    assertTrue(r.line("dns").contains("FAIL  NO_SUCH_HOST"), r::toString);
  }

  @Test
  void closedPortFailsTcpWithTheFixAndExitsOne() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "127.0.0.1");

    CliResult r = doctor("https://" + OTHER_HOST + ":" + closed + "/");

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.line("tcp").contains("FAIL  127.0.0.1:" + closed + " failed"), r::toString);
    assertTrue(
        r.flat().contains("private endpoint connection is Approved (not Pending)"), r::toString);
    assertTrue(r.line("tls").contains("SKIP"), r::toString);
  }

  @Test
  void certificateForAnotherNameFailsTlsAndSaysWhichNamesItHas() throws Exception {
    TestCertificates wrong = TestCertificates.forNames(List.of("portal.contoso.com"));
    Path wrongCa =
        Files.writeString(
            tmp.resolve("wrong-ca.pem"), wrong.certificateAuthority().certificatePem());
    try (TlsTestServer server = TlsTestServer.builder().certificates(wrong).start()) {
      fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "127.0.0.1");

      CliResult r = doctor(wrongCa, server.baseUrl(OTHER_HOST));

      assertEquals(ExitStatus.ERROR, r.status, r::toString);
      assertTrue(r.line("tls").contains("FAIL"), r::toString);
      assertTrue(
          r.line("tls").contains("does NOT name " + OTHER_HOST + " (SAN portal.contoso.com)"),
          r::toString);
      assertTrue(r.flat().contains("fix: the certificate is not for " + OTHER_HOST), r::toString);
      assertEquals(0, server.requests().size(), "no HTTP request after a failed TLS step");
    }
  }

  @Test
  void expiredCertificateFailsTlsWithItsExpiryDate() throws Exception {
    TestCertificates expired = TestCertificates.expired();
    Path expiredCa =
        Files.writeString(
            tmp.resolve("expired-ca.pem"), expired.certificateAuthority().certificatePem());
    try (TlsTestServer server = TlsTestServer.builder().certificates(expired).start()) {
      fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "127.0.0.1");

      CliResult r = doctor(expiredCa, server.baseUrl(OTHER_HOST));

      assertEquals(ExitStatus.ERROR, r.status, r::toString);
      assertTrue(r.line("tls").contains("FAIL  handshake failed"), r::toString);
      assertTrue(r.line("tls").contains("(EXPIRED)"), r::toString);
      assertTrue(
          r.flat()
              .contains(
                  "fix: the server's certificate expired on "
                      + expired.serverCertificate().certificate().getNotAfter().toInstant()),
          r::toString);
    }
  }

  @Test
  void untrustedCertificateFailsTlsAndPointsToCaCert() throws Exception {
    Path otherCa =
        Files.writeString(
            tmp.resolve("other-ca.pem"),
            TestCertificates.forNames(List.of("x.example"))
                .certificateAuthority()
                .certificatePem());

    CliResult r = doctor(otherCa, fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(
        r.line("tls").contains("server presented certificate CN=*.azurehealthcareapis.com"),
        r::toString);
    assertTrue(r.flat().contains("--ca-cert FILE"), r::toString);
  }

  @Test
  void forbiddenAccessToWasDeniedIsExplainedAsNotArrivingOverThePrivateEndpoint() {
    try (TlsTestServer server = TlsTestServer.builder().start()) {
      server.respond(
          "/metadata",
          403,
          "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Access to "
              + OTHER_HOST
              + " was denied.\"}}");
      fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "127.0.0.1");

      CliResult r = doctor(server.baseUrl(OTHER_HOST));

      assertEquals(ExitStatus.ERROR, r.status, r::toString);
      assertTrue(r.line("service").contains("FAIL  GET /metadata: HTTP 403"), r::toString);
      assertTrue(r.flat().contains("not arriving over its private endpoint"), r::toString);
    }
  }

  @Test
  void unauthorizedWithoutTokenSaysTheServiceNeedsOne() {
    try (TlsTestServer server = TlsTestServer.builder().start()) {
      server.respond("/metadata", 401, "");
      fixture.sandbox().dns().privateEndpoint(OTHER_HOST, "127.0.0.1");

      CliResult r = doctor(server.baseUrl(OTHER_HOST));

      assertEquals(ExitStatus.ERROR, r.status, r::toString);
      assertTrue(r.line("service").contains("FAIL  GET /metadata: HTTP 401"), r::toString);
      assertTrue(
          r.flat().contains("the service requires a bearer token: run without --no-auth"),
          r::toString);
    }
  }

  @Test
  void jsonPrintsOneObjectPerStep() throws Exception {
    CliResult r = doctor("--json", fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    List<String> lines = r.out.strip().lines().toList();
    assertEquals(5, lines.size(), r::toString);
    List<String> steps = new ArrayList<>();
    for (String l : lines) {
      steps.add(JSON.readTree(l).get("step").asText());
    }
    assertEquals(List.of("dns", "tcp", "tls", "token", "service"), steps);
    JsonNode dns = JSON.readTree(lines.get(0));
    assertEquals("PASS", dns.get("outcome").asText());
    assertEquals("PRIVATE", dns.at("/facts/verdict").asText());
    assertEquals(fixture.sandbox().dns().nameserver(), dns.at("/facts/nameserver").asText());
    assertTrue(
        JSON.readTree(lines.get(1)).at("/facts/connections/0/connected").asBoolean(), r::toString);
    assertEquals("4.0.1", JSON.readTree(lines.get(4)).at("/facts/fhirVersion").asText());
  }

  @Test
  void jsonNamesEachHintsCauseAndTheFactsItRestsOn() throws Exception {
    CliResult r = doctor("--json", fixture.sandbox().unlinkedFhirBaseUrl());

    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    JsonNode dns = JSON.readTree(r.out.strip().lines().findFirst().orElseThrow());
    JsonNode causes = dns.at("/facts/causes");
    assertTrue(causes.size() > 0, r::toString);
    assertEquals("ZONE_NOT_LINKED", causes.get(0).get("cause").asText(), r::toString);
    assertTrue(
        causes.get(0).get("evidence").get(0).asText().startsWith("CHAIN_REACHES_PRIVATELINK_ZONE "),
        r::toString);
  }

  @Test
  void probePublicWithoutPublicDnsExitsSixtyFour() {
    CliResult r = doctor("--probe-public", fixture.sandbox().fhirBaseUrl());

    r.assertUsageError("--probe-public needs --public-dns");
  }

  @Test
  void httpUrlExitsSixtyFour() {
    CliResult r = doctor("http://" + AzureSandbox.FHIR_HOST + "/");

    assertEquals(ExitStatus.USAGE, r.status, r::toString);
  }

  @Test
  void helpListsEveryStepTheOptionsAndTheExitStatuses() {
    CliResult.run("doctor", "--help")
        .assertHelp(
            "Usage: privatelink doctor ",
            "--dns",
            "--ca-cert",
            "--no-auth",
            "--public-dns",
            "--probe-public",
            "--arm",
            "--arm-endpoint",
            "--resource-id",
            "--vnet",
            "--watch",
            "--exit-on-change",
            "--json",
            "  dns ",
            "  tcp ",
            "  tls ",
            "  token ",
            "  service ",
            " 1   a later step failed");
  }

  @Test
  void sandboxHelpListsThePortOptions() {
    CliResult.run("sandbox", "--help")
        .assertHelp(
            "Usage: privatelink sandbox ",
            "--dns-port",
            "--fhir-port",
            "--dicom-port",
            "--arm-port",
            "--json");
  }

  @Test
  void exitOnChangeWithoutWatchExitsSixtyFour() {
    CliResult r = doctor("--exit-on-change", fixture.sandbox().fhirBaseUrl());

    r.assertUsageError("--exit-on-change only works with --watch");
  }
}
