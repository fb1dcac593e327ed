package io.privatelink.examples.cli;

import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.DnsSandbox;
import io.privatelink.testkit.EmbeddedArm;
import io.privatelink.testkit.TestResponse;
import io.privatelink.testkit.TlsTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code privatelink sandbox} runs: an {@link AzureSandbox} plus the scenarios an operator
 * meets in the field, each a host name in the sandbox's DNS with the verdict {@code check} gives
 * and the exit status {@code doctor} gives:
 *
 * <ul>
 *   <li>{@code linked}, {@code linked-dicom}: private endpoints that work;
 *   <li>{@code unlinked}: the private DNS zone is not linked, DNS falls through to the public side;
 *   <li>{@code public-access-on}, {@code public-access-off}: linked, and a public DNS view (a
 *       second DNS server) leads outside clients to the service's public face on {@value
 *       #PUBLIC_ADDRESS}, which answers them (on) or refuses them with 403 "Access to ... was
 *       denied" (off);
 *   <li>{@code missing-a-record}: the zone is linked but holds no A record for the service (a
 *       service added to the workspace after its private endpoint);
 *   <li>{@code pending-endpoint}: DNS is right, but nothing accepts connections at the private
 *       endpoint (its connection awaits approval).
 * </ul>
 *
 * <p>An {@link EmbeddedArm} holds each scenario's Azure resources (service, workspace, private
 * endpoint, DNS zone group, zone links), so {@code doctor --arm} shows what the portal would.
 *
 * <p>Verdicts are not declared: they are what the sandbox's own resolver answers at start.
 */
final class SandboxScenarios implements AutoCloseable {

  /** The address of the services' public face: outside clients reach it through public DNS. */
  static final String PUBLIC_ADDRESS = "127.0.0.3";

  /** The network the sandbox's private endpoint is on; every command needs {@code --allow} it. */
  static final String ALLOW = AzureSandbox.PRIVATE_NETWORK;

  static final String PUBLIC_ON_HOST = "public-on-fhir.fhir.azurehealthcareapis.com";
  static final String PUBLIC_OFF_HOST = "public-off-fhir.fhir.azurehealthcareapis.com";
  static final String MISSING_A_HOST = "new-fhir.fhir.azurehealthcareapis.com";
  static final String PENDING_HOST = "pending-fhir.fhir.azurehealthcareapis.com";

  /**
   * One scenario.
   *
   * @param name short name, e.g. {@code unlinked}
   * @param description what it plays, in one sentence
   * @param url the service URL to give {@code check} and {@code doctor}
   * @param verdict what {@code check} says, observed at start
   * @param doctor the exit status of {@code doctor --dns DNS --allow 127.0.0.1/32 --ca-cert CA
   *     --no-auth URL}
   * @param doctorOptions options the scenario's own doctor command adds (e.g. {@code --public-dns
   *     ... --probe-public}); empty for most
   * @param doctorWithOptions the exit status with {@code doctorOptions}
   */
  record Scenario(
      String name,
      String description,
      String url,
      Verdict verdict,
      int doctor,
      List<String> doctorOptions,
      int doctorWithOptions) {}

  /** The subscription every sandbox resource is in. */
  static final String SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-00000000c0de";

  /** The VNet the sandbox's DNS server plays; pass it to {@code --vnet}. */
  static final String VNET =
      SUBSCRIPTION
          + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-sandbox";

  private final AzureSandbox sandbox;
  private final DnsSandbox publicDns;
  private final TlsTestServer publicFace;
  private final EmbeddedArm arm;
  private final Path caCert;
  private final List<Scenario> scenarios;

  private SandboxScenarios(
      AzureSandbox sandbox,
      DnsSandbox publicDns,
      TlsTestServer publicFace,
      EmbeddedArm arm,
      Path caCert) {
    this.sandbox = sandbox;
    this.publicDns = publicDns;
    this.publicFace = publicFace;
    this.arm = arm;
    this.caCert = caCert;
    this.scenarios = buildScenarios();
  }

  /**
   * Starts everything on these ports ({@code 0}: free ones); closes what started if a part fails.
   */
  static SandboxScenarios start(int dnsPort, int fhirPort, int dicomPort, int armPort) {
    AzureSandbox sandbox = AzureSandbox.start(dnsPort, fhirPort, dicomPort);
    DnsSandbox publicDns = null;
    TlsTestServer publicFace = null;
    EmbeddedArm arm = null;
    try {
      arm = EmbeddedArm.start(armPort);
      publicDns = DnsSandbox.start();
      publicFace =
          TlsTestServer.builder().address(PUBLIC_ADDRESS).port(sandbox.fhir().port()).start();
      publicFace.fallback(
          request ->
              request.host() != null && request.host().startsWith(PUBLIC_ON_HOST)
                  ? TestResponse.json(
                      200, "{\"resourceType\":\"CapabilityStatement\",\"fhirVersion\":\"4.0.1\"}")
                  : TestResponse.json(
                      403,
                      "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Access to "
                          + hostOf(request.host())
                          + " was denied.\"}}"));
      Path caCert = Files.createTempFile("privatelink-sandbox-ca-", ".pem");
      caCert.toFile().deleteOnExit();
      Files.writeString(caCert, sandbox.certificates().certificateAuthority().certificatePem());
      return new SandboxScenarios(sandbox, publicDns, publicFace, arm, caCert);
    } catch (IOException | RuntimeException e) {
      if (arm != null) {
        arm.close();
      }
      if (publicFace != null) {
        publicFace.close();
      }
      if (publicDns != null) {
        publicDns.close();
      }
      sandbox.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private static String hostOf(@Nullable String hostHeader) {
    if (hostHeader == null) {
      return "the service";
    }
    int colon = hostHeader.lastIndexOf(':');
    return colon > 0 ? hostHeader.substring(0, colon) : hostHeader;
  }

  private List<Scenario> buildScenarios() {
    DnsSandbox dns = sandbox.dns();
    int fhirPort = sandbox.fhir().port();
    dns.privateEndpoint(PUBLIC_ON_HOST, "127.0.0.1").privateEndpoint(PUBLIC_OFF_HOST, "127.0.0.1");
    // The zone is linked and answers, but has no A record for the new service: the CNAME leads
    // nowhere.
    dns.cname(MISSING_A_HOST, MISSING_A_HOST.replace(".fhir.", ".privatelink.fhir."));
    dns.privateEndpoint(PENDING_HOST, "127.0.0.1");
    for (String host :
        List.of(
            AzureSandbox.FHIR_HOST,
            PUBLIC_ON_HOST,
            PUBLIC_OFF_HOST,
            MISSING_A_HOST,
            PENDING_HOST)) {
      publicDns.unlinkedZone(host, PUBLIC_ADDRESS);
    }
    List<String> probe = List.of("--public-dns", publicDns.nameserver(), "--probe-public");
    List<Scenario> all = new ArrayList<>();
    all.add(
        scenario(
            "linked",
            "a FHIR service whose private DNS zone is linked to the VNet",
            sandbox.fhirBaseUrl(),
            ExitStatus.PRIVATE,
            arm("linked", AzureSandbox.FHIR_HOST, "Disabled", "Approved", true, true),
            ExitStatus.PRIVATE));
    all.add(
        scenario(
            "linked-dicom",
            "a DICOM service whose private DNS zone is linked to the VNet",
            sandbox.dicomBaseUrl(),
            ExitStatus.PRIVATE,
            arm("linked-dicom", AzureSandbox.DICOM_HOST, "Disabled", "Approved", true, true),
            ExitStatus.PRIVATE));
    all.add(
        scenario(
            "unlinked",
            "the private DNS zone is not linked to the VNet: DNS falls through"
                + " Traffic Manager to a public address (the canary on 127.0.0.2)",
            sandbox.unlinkedFhirBaseUrl(),
            -1,
            arm("unlinked", AzureSandbox.UNLINKED_FHIR_HOST, "Disabled", "Approved", true, false),
            -1));
    all.add(
        scenario(
            "public-access-on",
            "linked, but public network access is still on: outside" + " clients reach the service",
            "https://" + PUBLIC_ON_HOST + ":" + fhirPort + "/",
            ExitStatus.PRIVATE,
            concat(
                probe, arm("public-access-on", PUBLIC_ON_HOST, "Enabled", "Approved", true, true)),
            ExitStatus.ERROR));
    all.add(
        scenario(
            "public-access-off",
            "linked, public network access off: outside clients get 403",
            "https://" + PUBLIC_OFF_HOST + ":" + fhirPort + "/",
            ExitStatus.PRIVATE,
            concat(
                probe,
                arm("public-access-off", PUBLIC_OFF_HOST, "Disabled", "Approved", true, true)),
            ExitStatus.PRIVATE));
    all.add(
        scenario(
            "missing-a-record",
            "the zone is linked but has no A record for a service added"
                + " after the private endpoint",
            "https://" + MISSING_A_HOST + ":" + fhirPort + "/",
            -1,
            arm("missing-a-record", MISSING_A_HOST, "Disabled", "Approved", false, true),
            -1));
    all.add(
        scenario(
            "pending-endpoint",
            "DNS is right, but nothing accepts connections at the"
                + " private endpoint: its connection awaits approval",
            "https://" + PENDING_HOST + ":" + closedPort() + "/",
            ExitStatus.ERROR,
            arm("pending-endpoint", PENDING_HOST, "Disabled", "Pending", true, true),
            ExitStatus.ERROR));
    return List.copyOf(all);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Writes the scenario's resources into the embedded ARM (a resource group of its own: workspace,
   * service, private endpoint, zone group, zone and links) and returns the doctor options that read
   * them.
   */
  private List<String> arm(
      String name,
      String host,
      String publicNetworkAccess,
      String connection,
      boolean record,
      boolean linked) {
    String rg = SUBSCRIPTION + "/resourceGroups/rg-" + name;
    boolean dicom = host.contains(".dicom.");
    String workspace =
        rg + "/providers/Microsoft.HealthcareApis/workspaces/ws" + name.replace("-", "");
    String service = workspace + (dicom ? "/dicomservices/dicom" : "/fhirservices/fhir");
    String endpoint = rg + "/providers/Microsoft.Network/privateEndpoints/pe-" + name;
    String zoneName =
        dicom
            ? "privatelink.dicom.azurehealthcareapis.com"
            : "privatelink.fhir.azurehealthcareapis.com";
    String zone = rg + "/providers/Microsoft.Network/privateDnsZones/" + zoneName;
    String label = host.substring(0, host.indexOf('.'));
    arm.healthService(service, publicNetworkAccess)
        .privateEndpointConnection(workspace, "pe-" + name + ".conn", endpoint, connection);
    if (record) {
      arm.zoneGroup(endpoint, zone, label, label + "." + zoneName, "127.0.0.1");
    } else {
      arm.zoneGroup(endpoint, zone, label, label + "." + zoneName);
    }
    arm.virtualNetworkLink(
        zone,
        "link-hub",
        SUBSCRIPTION
            + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub");
    if (linked) {
      arm.virtualNetworkLink(zone, "link-sandbox", VNET);
    }
    return List.of(
        "--arm", "--arm-endpoint", arm.endpoint(), "--resource-id", service, "--vnet", VNET);
  }

  /**
   * @param doctor the doctor exit status when DNS verifies; {@code -1}: the verdict's, as DNS fails
   */
  private Scenario scenario(
      String name,
      String description,
      String url,
      int doctor,
      List<String> options,
      int withOptions) {
    PrivateLinkResolver resolver = sandbox.newResolver();
    Verdict verdict = resolver.diagnose(url).verdict();
    int plain = doctor == -1 || verdict != Verdict.PRIVATE ? ExitStatus.of(verdict) : doctor;
    int optioned =
        withOptions == -1 || verdict != Verdict.PRIVATE ? ExitStatus.of(verdict) : withOptions;
    return new Scenario(name, description, url, verdict, plain, options, optioned);
  }

  /** A port on 127.0.0.1 nothing listens on: bound, then released. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }

  AzureSandbox sandbox() {
    return sandbox;
  }

  /** The VNet's DNS server, {@code 127.0.0.1:PORT}. */
  String dns() {
    return sandbox.dns().nameserver();
  }

  /** A public DNS server's view, for {@code --public-dns}. */
  String publicDns() {
    return publicDns.nameserver();
  }

  /** The PEM file holding the CA every sandbox server's certificate chains to. */
  Path caCert() {
    return caCert;
  }

  /** The embedded Azure Resource Manager, for {@code --arm-endpoint}. */
  EmbeddedArm arm() {
    return arm;
  }

  TlsTestServer publicFace() {
    return publicFace;
  }

  List<Scenario> scenarios() {
    return scenarios;
  }

  /** {@code privatelink check} for a scenario, as a command line. */
  String checkCommand(Scenario s) {
    return "privatelink check --dns " + dns() + " --allow " + ALLOW + " " + s.url();
  }

  /** {@code privatelink doctor} for a scenario (with its own options), as a command line. */
  String doctorCommand(Scenario s) {
    List<String> words =
        new ArrayList<>(
            List.of(
                "privatelink",
                "doctor",
                "--dns",
                dns(),
                "--allow",
                ALLOW,
                "--ca-cert",
                caCert.toString(),
                "--no-auth"));
    words.addAll(s.doctorOptions());
    words.add(s.url());
    return String.join(" ", words);
  }

  @Override
  public void close() {
    try {
      publicFace.close();
      publicDns.close();
      arm.close();
    } finally {
      sandbox.close();
      try {
        Files.deleteIfExists(caCert);
      } catch (IOException e) {
        // a temporary file; deleteOnExit tries again
      }
    }
  }
}
