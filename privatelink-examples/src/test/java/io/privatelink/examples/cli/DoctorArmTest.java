package io.privatelink.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.examples.SandboxFixture;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.EmbeddedArm;
import io.privatelink.testkit.FakeEntraCredential;
import io.privatelink.testkit.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code privatelink doctor --arm} against an {@link EmbeddedArm} playing Azure Resource Manager
 * (documented JSON shapes, paging, throttling) and an {@link AzureSandbox} for DNS and the service.
 */
class DoctorArmTest {

  private static final String RG =
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-health";
  private static final String WORKSPACE =
      RG + "/providers/Microsoft.HealthcareApis/workspaces/sandbox";
  private static final String FHIR_ID = WORKSPACE + "/fhirservices/fhir";
  private static final String ENDPOINT =
      RG + "/providers/Microsoft.Network/privateEndpoints/pe-sandbox";
  private static final String ZONE =
      RG + "/providers/Microsoft.Network/privateDnsZones/privatelink.fhir.azurehealthcareapis.com";
  private static final String HUB = RG + "/providers/Microsoft.Network/virtualNetworks/vnet-hub";
  private static final String SPOKE =
      RG + "/providers/Microsoft.Network/virtualNetworks/vnet-spoke";
  private static final String PRIVATE_LINK_NAME =
      "sandbox-fhir.privatelink.fhir.azurehealthcareapis.com";

  @RegisterExtension static final SandboxFixture fixture = new SandboxFixture();

  private EmbeddedArm arm;

  @BeforeEach
  void healthyArm() {
    arm = healthyArmWithRecord("sandbox-fhir", PRIVATE_LINK_NAME);
  }

  /**
   * ARM of a healthy deployment: public access off, the endpoint approved, the zone linked to the
   * hub, its zone group holding {@code recordName} ({@code fqdn}) at 127.0.0.1.
   */
  private static EmbeddedArm healthyArmWithRecord(String recordName, String fqdn) {
    return EmbeddedArm.start()
        .healthService(FHIR_ID, "Disabled")
        .privateEndpointConnection(WORKSPACE, "pe-sandbox.conn", ENDPOINT, "Approved")
        .zoneGroup(ENDPOINT, ZONE, recordName, fqdn, "127.0.0.1")
        .virtualNetworkLink(ZONE, "link-hub", HUB);
  }

  @AfterEach
  void stopArm() {
    arm.close();
  }

  private CliResult doctor(String... extra) {
    return doctorOf(FHIR_ID, extra);
  }

  private CliResult doctorOf(String resourceId, String... extra) {
    return doctorWithArmAt(arm.endpoint(), resourceId, extra);
  }

  private static CliResult doctorWithArmAt(String armEndpoint, String resourceId, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("--arm", "--arm-endpoint", armEndpoint, "--resource-id", resourceId));
    args.addAll(List.of(extra));
    return CliResult.onSandbox(fixture, "doctor", args.toArray(new String[0]));
  }

  /** {@code doctor --dns SANDBOX --no-auth args...}: only what a usage check needs. */
  private static CliResult doctorNoAuth(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of("doctor", "--dns", fixture.sandbox().dns().nameserver(), "--no-auth"));
    all.addAll(List.of(args));
    return CliResult.run(all.toArray(new String[0]));
  }

  @Test
  void healthyDeploymentPassesEveryArmStep() {
    CliResult r = doctor("--vnet", HUB, fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(
        r.line("arm-access").contains("PASS  publicNetworkAccess Disabled on fhir"), r::toString);
    assertTrue(
        r.line("arm-endpoint")
            .contains("PASS  private endpoint connections on sandbox: pe-sandbox Approved"),
        r::toString);
    assertTrue(
        r.line("arm-dns")
            .contains(
                "PASS  A "
                    + PRIVATE_LINK_NAME
                    + " -> 127.0.0.1 in privatelink.fhir.azurehealthcareapis.com; zone linked to vnet-hub"),
        r::toString);
  }

  @Test
  void publicNetworkAccessOnFails() {
    arm.healthService(FHIR_ID, "Enabled");

    CliResult r = doctor(fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.line("arm-access").contains("FAIL  publicNetworkAccess Enabled"), r::toString);
    assertTrue(r.flat().contains("set publicNetworkAccess to Disabled"), r::toString);
  }

  @Test
  void pendingEndpointConnectionFailsWithHowToApprove() throws Exception {
    arm.close();
    arm =
        EmbeddedArm.start()
            .healthService(FHIR_ID, "Disabled")
            .privateEndpointConnection(WORKSPACE, "pe-sandbox.conn", ENDPOINT, "Pending");

    CliResult r = doctor(fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(
        r.line("arm-endpoint")
            .contains("FAIL  private endpoint connections on sandbox: pe-sandbox Pending"),
        r::toString);
    assertTrue(r.flat().contains("pe-sandbox is Pending: approve the connection"), r::toString);
    assertTrue(r.line("arm-dns").contains("SKIP"), r::toString);
  }

  @Test
  void zoneWithoutALinkToThisVnetFails() {
    CliResult r = doctor("--vnet", SPOKE, fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.line("arm-dns").contains("FAIL"), r::toString);
    assertTrue(r.line("arm-dns").contains("no link to vnet-spoke"), r::toString);
    assertTrue(r.flat().contains("az network private-dns link vnet create"), r::toString);
  }

  @Test
  void unlinkedDnsIsExplainedByTheZonesLinks() {
    String unlinked = "unlinked-fhir.privatelink.fhir.azurehealthcareapis.com";
    arm.close();
    arm = healthyArmWithRecord("unlinked-fhir", unlinked);

    CliResult withVnet = doctor("--vnet", SPOKE, fixture.sandbox().unlinkedFhirBaseUrl());
    CliResult withoutVnet = doctor(fixture.sandbox().unlinkedFhirBaseUrl());

    assertEquals(ExitStatus.VIOLATION, withVnet.status, withVnet::toString);
    assertTrue(
        withVnet.line("arm-dns").contains("zone linked to vnet-hub: no link to vnet-spoke"),
        withVnet::toString);
    assertTrue(
        withoutVnet.line("arm-dns").contains("DNS here did not use the zone"),
        withoutVnet::toString);
    assertTrue(withoutVnet.flat().contains("give --vnet ID to check"), withoutVnet::toString);
  }

  @Test
  void missingARecordFailsWithTheFix() throws Exception {
    arm.close();
    arm =
        EmbeddedArm.start()
            .healthService(FHIR_ID, "Disabled")
            .privateEndpointConnection(WORKSPACE, "pe-sandbox.conn", ENDPOINT, "Approved")
            .zoneGroup(ENDPOINT, ZONE, "sandbox-fhir", PRIVATE_LINK_NAME)
            .virtualNetworkLink(ZONE, "link-hub", HUB);

    CliResult r = doctor(fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(
        r.line("arm-dns").contains("FAIL  no A record for " + PRIVATE_LINK_NAME), r::toString);
    assertTrue(r.flat().contains("re-create the endpoint's DNS zone group"), r::toString);
  }

  @Test
  void listsAreReadThroughEveryNextLink() {
    arm.pageSize(2);
    for (int i = 1; i <= 4; i++) {
      arm.virtualNetworkLink(
          ZONE, "link-" + i, RG + "/providers/Microsoft.Network/virtualNetworks/vnet-" + i);
    }

    CliResult r =
        doctor(
            "--vnet",
            RG + "/providers/Microsoft.Network/virtualNetworks/vnet-4",
            fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(
        r.line("arm-dns").contains("zone linked to vnet-hub, vnet-1, vnet-2, vnet-3, vnet-4"),
        r::toString);
    long pages =
        arm.requests().stream().filter(q -> q.path().endsWith("/virtualNetworkLinks")).count();
    assertEquals(3, pages, "5 links at 2 per page");
  }

  @Test
  void throttlingIsRetriedAfterRetryAfter() {
    arm.throttleNext(1, 1);
    long start = System.nanoTime();

    CliResult r = doctor(fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    List<RecordedRequest> resourceReads =
        arm.requests().stream().filter(q -> q.path().endsWith("/fhirservices/fhir")).toList();
    assertEquals(2, resourceReads.size(), "the 429, then the retry");
    assertTrue(System.nanoTime() - start >= 1_000_000_000L, "waited the Retry-After second");
  }

  @Test
  void unknownResourceFailsAndSkipsTheRest() {
    CliResult r = doctorOf(WORKSPACE + "/fhirservices/nope", fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.line("arm-access").contains("HTTP 404 ResourceNotFound"), r::toString);
    assertTrue(r.flat().contains("no such resource: check --resource-id"), r::toString);
    assertTrue(r.line("arm-endpoint").contains("SKIP"), r::toString);
  }

  @Test
  void armWithoutResourceIdIsAUsageError() {
    CliResult r = doctorNoAuth("--arm", fixture.sandbox().fhirBaseUrl());

    r.assertUsageError("--arm needs --resource-id");
  }

  @Test
  void armPrivateReadsAVerifiedArmThroughTheGuard() {
    CliResult r = doctor("--arm-private", fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.PRIVATE, r.status, r::toString);
    assertTrue(
        r.line("arm-access").contains("PASS  publicNetworkAccess Disabled on fhir"), r::toString);
  }

  @Test
  void armPrivateRefusesAnArmHostThatDoesNotVerifyBeforeAnyRequest() {
    String unlinkedArm =
        "https://"
            + AzureSandbox.UNLINKED_FHIR_HOST
            + ":"
            + java.net.URI.create(arm.endpoint()).getPort()
            + "/";
    CliResult r =
        doctorWithArmAt(unlinkedArm, FHIR_ID, "--arm-private", fixture.sandbox().fhirBaseUrl());

    assertEquals(ExitStatus.ERROR, r.status, r::toString);
    assertTrue(r.line("arm-access").contains("FAIL"), r::toString);
    assertTrue(r.flat().contains("PUBLIC_ADDRESS"), r::toString);
    assertTrue(arm.requests().isEmpty(), arm.requests()::toString);
    fixture.sandbox().assertCanariesUntouched();
  }

  @Test
  void armPrivateWithoutArmIsAUsageError() {
    CliResult r = doctorNoAuth("--arm-private", fixture.sandbox().fhirBaseUrl());

    r.assertUsageError("only work with --arm");
  }

  @Test
  void armAgainstAzureWithNoAuthIsAUsageError() {
    CliResult r = doctorNoAuth("--arm", "--resource-id", FHIR_ID, fixture.sandbox().fhirBaseUrl());

    r.assertUsageError("cannot go with --no-auth");
  }

  @Test
  void managementTokenGoesToArmForTheManagementScope() {
    FakeEntraCredential credential = FakeEntraCredential.valid();
    OkHttpClient http =
        new OkHttpClient.Builder()
            .sslSocketFactory(
                fixture.sandbox().certificates().clientSocketFactory(),
                fixture.sandbox().certificates().trustManager())
            .build();
    try {
      Doctor.Arm target =
          new Doctor.Arm(new ArmReader(arm.endpoint(), credential, http, null), FHIR_ID, HUB);
      int status =
          new Doctor(fixture.sandbox().newResolver(), credential, null, http, null, false, target)
              .run(Doctor.serviceUrl(fixture.sandbox().fhirBaseUrl()), step -> {});

      assertEquals(ExitStatus.PRIVATE, status);
      assertTrue(
          credential.scopes().contains(List.of(arm.endpoint() + ".default")),
          credential.scopes()::toString);
      assertTrue(
          arm.requests().stream()
              .allMatch(q -> q.authorization() != null && q.authorization().startsWith("Bearer ")));
    } finally {
      ServiceOptions.shutdown(http);
    }
  }
}
