package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.examples.cli.SandboxScenarios.Scenario;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.FakeEntraCredential;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scenarios {@code privatelink sandbox} offers, checked in-process: each gives the verdict and
 * doctor status it announces; the public probe tells public access on from off and never carries a
 * token; {@code --watch} sees a flip.
 */
class SandboxScenariosTest {

  private static SandboxScenarios scenarios;
  private static Map<String, Scenario> byName;

  @BeforeAll
  static void start() {
    scenarios = SandboxScenarios.start(0, 0, 0, 0);
    byName = scenarios.scenarios().stream().collect(Collectors.toMap(Scenario::name, s -> s));
  }

  @AfterAll
  static void stop() {
    scenarios.close();
  }

  /** Every scenario {@code privatelink sandbox} offers, in its order. */
  static final List<String> SCENARIO_NAMES =
      List.of(
          "linked",
          "linked-dicom",
          "unlinked",
          "public-access-on",
          "public-access-off",
          "missing-a-record",
          "pending-endpoint");

  private static CliResult doctor(Scenario s, String... extra) {
    return doctorAgainstTheScenarios(extra, s.url());
  }

  /** {@code doctor --dns .. --allow .. --ca-cert .. --no-auth extra... url} on the scenarios. */
  private static CliResult doctorAgainstTheScenarios(String[] extra, String url) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "doctor",
                "--dns",
                scenarios.dns(),
                "--allow",
                SandboxScenarios.ALLOW,
                "--ca-cert",
                scenarios.caCert().toString(),
                "--no-auth"));
    args.addAll(List.of(extra));
    args.add(url);
    return CliResult.run(args.toArray(new String[0]));
  }

  @Test
  void everyScenarioIsOffered() {
    assertEquals(SCENARIO_NAMES, scenarios.scenarios().stream().map(Scenario::name).toList());
  }

  @Test
  void announcedVerdictsAreWhatCheckSays() {
    assertEquals(Verdict.PRIVATE, byName.get("linked").verdict());
    assertEquals(Verdict.PUBLIC_ADDRESS, byName.get("unlinked").verdict());
    assertEquals(Verdict.NO_SUCH_HOST, byName.get("missing-a-record").verdict());
    for (Scenario s : scenarios.scenarios()) {
      CliResult r =
          CliResult.run(
              "check", "--dns", scenarios.dns(), "--allow", SandboxScenarios.ALLOW, s.url());
      assertTrue(r.out.contains("Verdict:   " + s.verdict()), s.name() + ": " + r);
    }
  }

  @Test
  void everyScenarioGivesItsAnnouncedDoctorStatus() {
    for (Scenario s : scenarios.scenarios()) {
      assertEquals(s.doctor(), doctor(s).status, s.name());
      assertEquals(
          s.doctorWithOptions(),
          doctor(s, s.doctorOptions().toArray(new String[0])).status,
          s.name());
    }
  }

  @Test
  void publicProbeSeesPublicAccessOnAndSaysItLeftThePrivateNetwork() {
    CliResult r =
        doctor(
            byName.get("public-access-on"),
            "--public-dns",
            scenarios.publicDns(),
            "--probe-public");

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(
        r.out.contains(
            "public-dns   PASS  LEFT THE PRIVATE NETWORK: asked public resolver "
                + scenarios.publicDns()),
        r::toString);
    assertTrue(
        r.out.contains(
            "public-probe FAIL  LEFT THE PRIVATE NETWORK: unauthenticated GET /metadata to "
                + SandboxScenarios.PUBLIC_ADDRESS),
        r::toString);
    assertTrue(r.out.contains("public network access is ON"), r::toString);
  }

  @Test
  void publicProbeSeesPublicAccessOffAsA403() {
    CliResult r =
        doctor(
            byName.get("public-access-off"),
            "--public-dns",
            scenarios.publicDns(),
            "--probe-public");

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(r.out.contains("HTTP 403"), r::toString);
    assertTrue(r.out.contains("public network access is off"), r::toString);
  }

  @Test
  void armFactsExplainTheBrokenScenarios() {
    Map<String, String> expected =
        Map.of(
            "unlinked", "arm-dns      FAIL",
            "public-access-on", "arm-access   FAIL  publicNetworkAccess Enabled",
            "missing-a-record",
                "arm-dns      FAIL  no A record for new-fhir.privatelink.fhir.azurehealthcareapis.com",
            "pending-endpoint",
                "arm-endpoint FAIL  private endpoint connections on wspendingendpoint: pe-pending-endpoint Pending");
    expected.forEach(
        (name, line) -> {
          Scenario s = byName.get(name);
          CliResult r = doctor(s, s.doctorOptions().toArray(new String[0]));
          assertTrue(r.out.contains(line), name + ": " + r);
        });
    Scenario unlinked = byName.get("unlinked");
    assertTrue(
        doctor(unlinked, unlinked.doctorOptions().toArray(new String[0]))
            .out
            .contains("no link to vnet-sandbox"));
  }

  @Test
  void publicDnsWithoutProbeSendsNothingToThePublicFace() {
    int before = scenarios.publicFace().connections();

    CliResult r = doctor(byName.get("public-access-on"), "--public-dns", scenarios.publicDns());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertEquals(before, scenarios.publicFace().connections());
  }

  @Test
  void publicProbeNeverCarriesTheTokenTheServiceGot() {
    AzureSandbox sandbox = scenarios.sandbox();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .sslSocketFactory(
                sandbox.certificates().clientSocketFactory(), sandbox.certificates().trustManager())
            .build();
    PrivateLinkResolver publicResolver =
        PrivateLinkResolver.builder().nameservers(scenarios.publicDns()).build();
    int authorizedBefore = sandbox.fhir().authorizationHeaders().size();
    try {
      int status =
          new Doctor(
                  sandbox.newResolver(),
                  FakeEntraCredential.valid(),
                  null,
                  http,
                  publicResolver,
                  true,
                  null)
              .run(Doctor.serviceUrl(byName.get("public-access-off").url()), step -> {});

      assertEquals(ExitStatus.PRIVATE, status);
      assertEquals(
          authorizedBefore + 1,
          sandbox.fhir().authorizationHeaders().size(),
          "the private service got the token");
      assertTrue(scenarios.publicFace().requestCount() > 0, "the probe reached the public face");
      assertEquals(List.of(), scenarios.publicFace().authorizationHeaders());
    } finally {
      ServiceOptions.shutdown(http);
    }
  }

  @Test
  void watchPrintsTheFlipAndExitsOnTheViolation() throws Exception {
    String host = "flip-fhir.fhir.azurehealthcareapis.com";
    AzureSandbox sandbox = scenarios.sandbox();
    sandbox.dns().privateEndpoint(host, "127.0.0.1");
    String url = "https://" + host + ":" + sandbox.fhir().port() + "/";
    int served = sandbox.fhir().requestCount();
    CompletableFuture<CliResult> watching =
        CompletableFuture.supplyAsync(
            () ->
                doctorAgainstTheScenarios(
                    new String[] {"--watch", "--exit-on-change", "--watch-interval", "100ms"},
                    url));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (sandbox.fhir().requestCount() == served && System.nanoTime() < deadline) {
      Thread.sleep(20); // until the service step is done and watching began
    }

    sandbox
        .dns()
        .remove(host)
        .remove(host.replace(".fhir.", ".privatelink.fhir."))
        .unlinkedZone(host, "127.0.0.2");

    CliResult r = watching.get(20, TimeUnit.SECONDS);
    assertEquals(ExitStatus.VIOLATION, r.status, r::toString);
    assertTrue(r.out.contains("Result: PASS (exit 0)"), r::toString);
    assertTrue(
        r.out
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("watch        FAIL  ")
                        && l.contains(
                            "changed: PRIVATE [127.0.0.1] -> PUBLIC_ADDRESS [127.0.0.2]")),
        r::toString);
  }
}
