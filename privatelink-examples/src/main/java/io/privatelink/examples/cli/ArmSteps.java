package io.privatelink.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.privatelink.core.Diagnosis;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --arm} steps of {@code privatelink doctor}: what Azure Resource Manager says about the
 * service, set against what DNS showed.
 *
 * <ul>
 *   <li>{@code arm-access}: the service's {@code publicNetworkAccess};
 *   <li>{@code arm-endpoint}: the private endpoint connections on the service (or its workspace)
 *       and their states;
 *   <li>{@code arm-dns}: each approved endpoint's DNS zone group: the A record for the host's
 *       privatelink name and its addresses (compared with DNS's), and the zone's virtual network
 *       links (compared with {@code --vnet}).
 * </ul>
 */
final class ArmSteps {

  static final String HEALTHCARE_API_VERSION = "2024-03-31";
  static final String NETWORK_API_VERSION = "2023-09-01";
  static final String PRIVATE_DNS_API_VERSION = "2020-06-01";

  private final Doctor.Arm arm;
  private final String host;
  private final Diagnosis diagnosis;

  ArmSteps(Doctor.Arm arm, String host, Diagnosis diagnosis) {
    this.arm = arm;
    this.host = host;
    this.diagnosis = diagnosis;
  }

  void run(Consumer<DoctorStep> report) {
    DoctorStep access = access();
    report.accept(access);
    if (access.outcome() == DoctorStep.Outcome.FAIL && access.facts().containsKey("error")) {
      report.accept(DoctorStep.skip("arm-endpoint", "Azure Resource Manager could not be read"));
      report.accept(DoctorStep.skip("arm-dns", "Azure Resource Manager could not be read"));
      return;
    }
    List<String> approved = new ArrayList<>();
    report.accept(endpoints(approved));
    if (approved.isEmpty()) {
      report.accept(
          DoctorStep.skip(
              "arm-dns", "no Approved private endpoint connection to read DNS settings from"));
      return;
    }
    report.accept(dns(approved));
  }

  private DoctorStep access() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("resourceId", arm.resourceId());
    JsonNode resource;
    try {
      resource = arm.reader().get(arm.resourceId(), HEALTHCARE_API_VERSION);
    } catch (IOException e) {
      facts.put("error", e.getMessage());
      return DoctorStep.fail(
          "arm-access", "GET " + arm.resourceId() + ": " + e.getMessage(), armFix(e), facts);
    }
    String access = resource.path("properties").path("publicNetworkAccess").asText(null);
    facts.put("publicNetworkAccess", access);
    String evidence =
        "publicNetworkAccess " + access + " on " + resource.path("name").asText(arm.resourceId());
    if ("Disabled".equalsIgnoreCase(access)) {
      return DoctorStep.pass("arm-access", evidence, facts);
    }
    return DoctorStep.fail(
        "arm-access",
        evidence + ": clients outside the private network reach the service",
        "set publicNetworkAccess to Disabled (portal: Networking, Public network access: Disabled); it"
            + " takes up to 5 minutes to apply",
        facts);
  }

  private static String armFix(IOException e) {
    if (e instanceof ArmReader.ArmException armError && armError.status() == 404) {
      return "no such resource: check --resource-id (az resource show --ids ID) and that the token's"
          + " subscription is the service's";
    }
    if (e instanceof ArmReader.ArmException armError
        && (armError.status() == 401 || armError.status() == 403)) {
      return "the identity may not read the resource: it needs Reader on the service, its private"
          + " endpoint and its private DNS zones";
    }
    return "check --arm-endpoint and the network path to Azure Resource Manager, then run again";
  }

  private String connectionHolder() {
    String id = arm.resourceId();
    String lower = id.toLowerCase(Locale.ROOT);
    for (String child : List.of("/fhirservices/", "/dicomservices/")) {
      int at = lower.indexOf(child);
      if (at > 0) {
        return id.substring(0, at); // Health Data Services: the workspace holds the connections
      }
    }
    return id;
  }

  private DoctorStep endpoints(List<String> approved) {
    String holder = connectionHolder();
    Map<String, Object> facts = new LinkedHashMap<>();
    List<JsonNode> connections;
    try {
      connections =
          arm.reader().list(holder + "/privateEndpointConnections", HEALTHCARE_API_VERSION);
    } catch (IOException e) {
      facts.put("error", e.getMessage());
      return DoctorStep.fail(
          "arm-endpoint",
          "GET " + holder + "/privateEndpointConnections: " + e.getMessage(),
          armFix(e),
          facts);
    }
    List<Map<String, Object>> list = new ArrayList<>();
    List<String> text = new ArrayList<>();
    List<String> notApproved = new ArrayList<>();
    for (JsonNode connection : connections) {
      String endpoint = connection.path("properties").path("privateEndpoint").path("id").asText("");
      String status =
          connection
              .path("properties")
              .path("privateLinkServiceConnectionState")
              .path("status")
              .asText("unknown");
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("privateEndpoint", endpoint);
      item.put("status", status);
      list.add(item);
      text.add(lastSegment(endpoint) + " " + status);
      if ("Approved".equalsIgnoreCase(status)) {
        approved.add(endpoint);
      } else {
        notApproved.add(lastSegment(endpoint) + " is " + status);
      }
    }
    facts.put("connections", list);
    String evidence =
        connections.isEmpty()
            ? "no private endpoint connection on " + lastSegment(holder)
            : "private endpoint connections on "
                + lastSegment(holder)
                + ": "
                + String.join(", ", text);
    if (connections.isEmpty()) {
      return DoctorStep.fail(
          "arm-endpoint",
          evidence,
          "create a private endpoint for the service (sub-resource 'healthcareworkspace' or 'fhir') in"
              + " the VNet, with a DNS zone group for its privatelink zone",
          facts);
    }
    if (approved.isEmpty()) {
      return DoctorStep.fail(
          "arm-endpoint",
          evidence,
          String.join("; ", notApproved)
              + ": approve the connection (portal: the service's"
              + " Networking, Private endpoint connections, Approve; or az network"
              + " private-endpoint-connection approve --id ID); until then nothing passes it",
          facts);
    }
    return DoctorStep.pass("arm-endpoint", evidence, facts);
  }

  /**
   * The host's name in its privatelink zone, e.g. ws-fhir.privatelink.fhir.azurehealthcareapis.com.
   */
  private String privateLinkName() {
    for (String name : diagnosis.resolution().cnameChain()) {
      if (name.contains(".privatelink.")) {
        return name;
      }
    }
    int dot = host.indexOf('.');
    return host.substring(0, dot) + ".privatelink" + host.substring(dot);
  }

  private DoctorStep dns(List<String> approvedEndpoints) {
    String name = privateLinkName();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("privateLinkName", name);
    List<Map<String, Object>> records = new ArrayList<>();
    List<Map<String, Object>> zones = new ArrayList<>();
    TreeSet<String> armAddresses = new TreeSet<>();
    List<String> zonesSeen = new ArrayList<>();
    String zoneOfRecord = null;
    List<String> links = new ArrayList<>();
    try {
      for (String endpoint : approvedEndpoints) {
        for (JsonNode group :
            arm.reader().list(endpoint + "/privateDnsZoneGroups", NETWORK_API_VERSION)) {
          for (JsonNode config : group.path("properties").path("privateDnsZoneConfigs")) {
            String zoneId = config.path("properties").path("privateDnsZoneId").asText("");
            zonesSeen.add(zoneId);
            for (JsonNode record : config.path("properties").path("recordSets")) {
              String fqdn = stripDot(record.path("fqdn").asText(""));
              Map<String, Object> item = new LinkedHashMap<>();
              item.put("zone", lastSegment(zoneId));
              item.put("fqdn", fqdn);
              List<String> ips = new ArrayList<>();
              record.path("ipAddresses").forEach(ip -> ips.add(ip.asText()));
              item.put("ipAddresses", ips);
              records.add(item);
              if (fqdn.equalsIgnoreCase(name)) {
                armAddresses.addAll(ips);
                zoneOfRecord = zoneId;
              }
            }
          }
        }
      }
      String zoneToCheck = zoneOfRecord != null ? zoneOfRecord : zoneFor(name, zonesSeen);
      if (zoneToCheck != null) {
        for (JsonNode link :
            arm.reader().list(zoneToCheck + "/virtualNetworkLinks", PRIVATE_DNS_API_VERSION)) {
          links.add(link.path("properties").path("virtualNetwork").path("id").asText(""));
        }
        Map<String, Object> zone = new LinkedHashMap<>();
        zone.put("zone", lastSegment(zoneToCheck));
        zone.put("virtualNetworkLinks", links);
        zones.add(zone);
      }
    } catch (IOException e) {
      facts.put("error", e.getMessage());
      return DoctorStep.fail(
          "arm-dns", "reading DNS zone groups and links: " + e.getMessage(), armFix(e), facts);
    }
    facts.put("records", records);
    facts.put("zones", zones);
    Resolution r = diagnosis.resolution();
    TreeSet<String> dnsAddresses = new TreeSet<>();
    r.addresses().forEach(a -> dnsAddresses.add(a.text()));
    facts.put("dnsAddresses", new ArrayList<>(dnsAddresses));
    List<String> evidence = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> fixes = new ArrayList<>();
    if (zoneOfRecord == null) {
      evidence.add(
          "no A record for "
              + name
              + " in the zone group (zones: "
              + String.join(", ", zonesSeen.stream().map(ArmSteps::lastSegment).toList())
              + ")");
      problems.add("missing A record");
      fixes.add(
          "the zone group has no record for "
              + name
              + ": a service added to the workspace after"
              + " its private endpoint gets none; re-create the endpoint's DNS zone group (or add the A"
              + " record with the endpoint's address for the service)");
    } else {
      evidence.add(
          "A "
              + name
              + " -> "
              + String.join(", ", armAddresses)
              + " in "
              + lastSegment(zoneOfRecord));
      if (r.verdict() == Verdict.PRIVATE && !dnsAddresses.equals(armAddresses)) {
        problems.add("DNS answered " + dnsAddresses + ", ARM records " + armAddresses);
        fixes.add(
            "DNS here does not answer from this zone: look for another zone of the same name"
                + " linked to this VNet, or a stale record or forwarder");
      }
    }
    evidence.add(
        links.isEmpty()
            ? "zone linked to no VNet"
            : "zone linked to "
                + String.join(", ", links.stream().map(ArmSteps::lastSegment).toList()));
    if (arm.vnetId() != null
        && zoneOfRecord != null
        && links.stream().noneMatch(l -> l.equalsIgnoreCase(arm.vnetId()))) {
      problems.add("no link to " + lastSegment(arm.vnetId()));
      fixes.add(
          "link zone "
              + lastSegment(zoneOfRecord)
              + " to VNet "
              + lastSegment(arm.vnetId())
              + " (az network private-dns link vnet create --zone-name "
              + lastSegment(zoneOfRecord)
              + " --virtual-network "
              + arm.vnetId()
              + " --registration-enabled false ...)");
    } else if (arm.vnetId() == null && r.verdict() != Verdict.PRIVATE && zoneOfRecord != null) {
      problems.add("DNS here did not use the zone");
      fixes.add(
          "this machine's VNet is likely not among the zone's links (give --vnet ID to check):"
              + " link it, or forward "
              + lastSegment(zoneOfRecord)
              + " to 168.63.129.16 from a linked VNet");
    }
    String line = String.join("; ", evidence);
    if (problems.isEmpty()) {
      return DoctorStep.pass("arm-dns", line, facts);
    }
    return DoctorStep.fail(
        "arm-dns", line + ": " + String.join("; ", problems), String.join("; ", fixes), facts);
  }

  private static @Nullable String zoneFor(String name, List<String> zoneIds) {
    for (String zoneId : zoneIds) {
      if (name.toLowerCase(Locale.ROOT)
          .endsWith("." + lastSegment(zoneId).toLowerCase(Locale.ROOT))) {
        return zoneId;
      }
    }
    return zoneIds.isEmpty() ? null : zoneIds.get(0);
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  static String lastSegment(String id) {
    return id.substring(id.lastIndexOf('/') + 1);
  }
}
