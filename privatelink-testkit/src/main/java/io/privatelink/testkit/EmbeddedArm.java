package io.privatelink.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Plays Azure Resource Manager on loopback over HTTPS, the edge we do not own, with responses in
 * ARM's documented JSON shapes: resources ({@code id}, {@code name}, {@code type}, {@code
 * properties}), lists ({@code value} plus {@code nextLink} when a page is full), errors ({@code
 * {"error":{"code":...,"message":...}}}) and throttling (429 with {@code Retry-After}).
 *
 * <p>It knows what {@code privatelink doctor --arm} reads: a health service's {@code
 * publicNetworkAccess}, private endpoint connections and their states, a private endpoint's DNS
 * zone groups with their record sets, and a private DNS zone's virtual network links. Paths are
 * matched case-insensitively, as ARM does; the {@code api-version} is recorded, not checked. Every
 * request is recorded, {@code Authorization} included.
 *
 * <pre>{@code
 * try (EmbeddedArm arm = EmbeddedArm.start()) {
 *   String rg = "/subscriptions/s1/resourceGroups/rg";
 *   String ws = rg + "/providers/Microsoft.HealthcareApis/workspaces/ws";
 *   String pe = rg + "/providers/Microsoft.Network/privateEndpoints/pe";
 *   arm.healthService(ws + "/fhirservices/fhir", "Disabled")
 *       .privateEndpointConnection(ws, "pe-conn", pe, "Approved");
 *   // GET arm.endpoint() + ws.substring(1) + "/privateEndpointConnections", trusting
 *   // arm.certificates().trustManager(): {"value":[{"id":...,"properties":{...}}]}
 * }
 * }</pre>
 */
public final class EmbeddedArm implements AutoCloseable {

  /** Items per page of a list; a longer list gets a {@code nextLink} to the next page. */
  static final int DEFAULT_PAGE_SIZE = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TlsTestServer server;
  private final Map<String, ObjectNode> resources = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> lists = new ConcurrentHashMap<>();
  private final AtomicInteger throttle = new AtomicInteger();
  private volatile int retryAfterSeconds = 1;
  private volatile int pageSize = DEFAULT_PAGE_SIZE;

  private EmbeddedArm(TlsTestServer server) {
    this.server = server;
    server.fallback(this::answer);
  }

  /**
   * Starts on {@code 127.0.0.1} and a free port, presenting {@link
   * TestCertificates#forAzureHealthHosts()}.
   *
   * @return the running server; close it to stop
   */
  public static EmbeddedArm start() {
    return start(0);
  }

  /**
   * Starts on {@code 127.0.0.1} and this port ({@code 0}: a free one).
   *
   * @param port the port, or 0 for a free one
   * @return the running server; close it to stop
   */
  public static EmbeddedArm start(int port) {
    return new EmbeddedArm(TlsTestServer.builder().port(port).start());
  }

  /** {@return the endpoint to give a client instead of {@code https://management.azure.com/}} */
  public String endpoint() {
    return "https://127.0.0.1:" + server.port() + "/";
  }

  /** {@return the certificates the server presents (its name: {@code 127.0.0.1})} */
  public TestCertificates certificates() {
    return server.certificates();
  }

  /**
   * Every request received, oldest first.
   *
   * @return a snapshot of the requests
   */
  public List<RecordedRequest> requests() {
    return server.requests();
  }

  /**
   * Items per list page (default 2).
   *
   * @param size items per page
   * @return this server
   */
  public EmbeddedArm pageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("page size must be positive: " + size);
    }
    this.pageSize = size;
    return this;
  }

  /**
   * The next {@code count} requests are answered 429 with {@code Retry-After: seconds}.
   *
   * @param count how many requests to throttle
   * @param seconds the {@code Retry-After} value, in seconds
   * @return this server
   */
  public EmbeddedArm throttleNext(int count, int seconds) {
    this.retryAfterSeconds = seconds;
    throttle.set(count);
    return this;
  }

  /**
   * A FHIR or DICOM service (Azure Health Data Services {@code .../workspaces/W/fhirservices/F} or
   * {@code .../dicomservices/D}, or Azure API for FHIR {@code .../services/S}) with this {@code
   * publicNetworkAccess} ({@code Enabled} or {@code Disabled}).
   *
   * @param id the service's ARM resource id
   * @param publicNetworkAccess {@code Enabled} or {@code Disabled}
   * @return this server
   */
  public EmbeddedArm healthService(String id, String publicNetworkAccess) {
    ObjectNode resource = resource(id, typeOf(id));
    ObjectNode properties = resource.putObject("properties");
    properties.put("provisioningState", "Succeeded");
    properties.put("publicNetworkAccess", publicNetworkAccess);
    resources.put(key(id), resource);
    return this;
  }

  /**
   * A private endpoint connection on {@code holderId} (the workspace, or the Azure API for FHIR
   * service) from {@code privateEndpointId}, in this state ({@code Approved}, {@code Pending},
   * {@code Rejected}, {@code Disconnected}).
   *
   * @param holderId the ARM id of the resource holding the connection
   * @param name the connection's name
   * @param privateEndpointId the ARM id of the private endpoint
   * @param status {@code Approved}, {@code Pending}, {@code Rejected} or {@code Disconnected}
   * @return this server
   */
  public EmbeddedArm privateEndpointConnection(
      String holderId, String name, String privateEndpointId, String status) {
    String id = holderId + "/privateEndpointConnections/" + name;
    ObjectNode connection = resource(id, typeOf(holderId) + "/privateEndpointConnections");
    ObjectNode properties = connection.putObject("properties");
    properties.putObject("privateEndpoint").put("id", privateEndpointId);
    ObjectNode state = properties.putObject("privateLinkServiceConnectionState");
    state.put("status", status);
    state.put("description", "Approved".equals(status) ? "Auto-Approved" : "");
    state.put("actionsRequired", "None");
    properties.put("provisioningState", "Succeeded");
    add(holderId + "/privateEndpointConnections", connection);
    return this;
  }

  /**
   * A DNS zone group ({@code default}) on the private endpoint with one zone config for {@code
   * zoneId}, holding an A record set {@code recordSetName} ({@code fqdn}) with these addresses; no
   * addresses: the zone config holds no record for it.
   *
   * @param privateEndpointId the ARM id of the private endpoint
   * @param zoneId the ARM id of the private DNS zone
   * @param recordSetName the A record set's name in the zone
   * @param fqdn the record set's fully qualified name
   * @param ips the addresses the record set holds; none for a zone config without a record
   * @return this server
   */
  public EmbeddedArm zoneGroup(
      String privateEndpointId, String zoneId, String recordSetName, String fqdn, String... ips) {
    String id = privateEndpointId + "/privateDnsZoneGroups/default";
    ObjectNode group = resource(id, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups");
    ObjectNode properties = group.putObject("properties");
    properties.put("provisioningState", "Succeeded");
    ObjectNode config = properties.putArray("privateDnsZoneConfigs").addObject();
    String zone = zoneId.substring(zoneId.lastIndexOf('/') + 1);
    config.put("name", zone.replace('.', '-'));
    ObjectNode configProperties = config.putObject("properties");
    configProperties.put("privateDnsZoneId", zoneId);
    ArrayNode recordSets = configProperties.putArray("recordSets");
    if (ips.length > 0) {
      ObjectNode record = recordSets.addObject();
      record.put("recordType", "A");
      record.put("recordSetName", recordSetName);
      record.put("fqdn", fqdn);
      record.put("ttl", 10);
      ArrayNode addresses = record.putArray("ipAddresses");
      for (String ip : ips) {
        addresses.add(ip);
      }
      record.put("provisioningState", "Succeeded");
    }
    add(privateEndpointId + "/privateDnsZoneGroups", group);
    return this;
  }

  /**
   * A virtual network link named {@code name} from the private DNS zone {@code zoneId} to {@code
   * vnetId}.
   *
   * @param zoneId the ARM id of the private DNS zone
   * @param name the link's name
   * @param vnetId the ARM id of the linked virtual network
   * @return this server
   */
  public EmbeddedArm virtualNetworkLink(String zoneId, String name, String vnetId) {
    ObjectNode link =
        resource(
            zoneId + "/virtualNetworkLinks/" + name,
            "Microsoft.Network/privateDnsZones/virtualNetworkLinks");
    link.put("location", "global");
    ObjectNode properties = link.putObject("properties");
    properties.putObject("virtualNetwork").put("id", vnetId);
    properties.put("registrationEnabled", false);
    properties.put("virtualNetworkLinkState", "Completed");
    properties.put("provisioningState", "Succeeded");
    add(zoneId + "/virtualNetworkLinks", link);
    return this;
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.close();
  }

  private void add(String collection, ObjectNode item) {
    lists.computeIfAbsent(key(collection), k -> new CopyOnWriteArrayList<>()).add(item);
  }

  private static ObjectNode resource(String id, String type) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("name", id.substring(id.lastIndexOf('/') + 1));
    node.put("type", type);
    return node;
  }

  private static String typeOf(String id) {
    // .../providers/Microsoft.HealthcareApis/workspaces/ws/fhirservices/f ->
    // Microsoft.HealthcareApis/workspaces/fhirservices
    String[] parts =
        id.substring(
                id.toLowerCase(Locale.ROOT).lastIndexOf("/providers/") + "/providers/".length())
            .split("/");
    StringBuilder type = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i += 2) {
      type.append('/').append(parts[i]);
    }
    return type.toString();
  }

  private static String key(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.toLowerCase(Locale.ROOT);
  }

  private TestResponse answer(RecordedRequest request) {
    if (throttle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return TestResponse.json(
              429,
              error(
                  "TooManyRequests",
                  "The request is being throttled as the limit has been reached for operation type - Read."))
          .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    String path = key(request.path());
    ObjectNode resource = resources.get(path);
    if (resource != null) {
      return TestResponse.json(200, resource.toString());
    }
    List<ObjectNode> items = lists.get(path);
    if (items != null
        || path.endsWith("/privateendpointconnections")
        || path.endsWith("/privatednszonegroups")
        || path.endsWith("/virtualnetworklinks")) {
      return TestResponse.json(200, page(request, items == null ? List.of() : items));
    }
    return TestResponse.json(
        404, error("ResourceNotFound", "The Resource '" + request.path() + "' was not found."));
  }

  private String page(RecordedRequest request, List<ObjectNode> items) {
    int skip = skipToken(request.query());
    ObjectNode page = JSON.createObjectNode();
    ArrayNode value = page.putArray("value");
    List<ObjectNode> copy = new ArrayList<>(items);
    for (int i = skip; i < Math.min(copy.size(), skip + pageSize); i++) {
      value.add(copy.get(i));
    }
    if (skip + pageSize < copy.size()) {
      String query =
          request.query() == null ? "" : request.query().replaceAll("&?\\$skipToken=\\d+", "");
      page.put(
          "nextLink",
          endpoint()
              + request.path().substring(1)
              + "?"
              + (query.isEmpty() ? "" : query + "&")
              + "$skipToken="
              + (skip + pageSize));
    }
    return page.toString();
  }

  private static int skipToken(@Nullable String query) {
    if (query == null) {
      return 0;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("$skipToken=") || pair.startsWith("%24skipToken=")) {
        return Integer.parseInt(pair.substring(pair.indexOf('=') + 1));
      }
    }
    return 0;
  }

  private static String error(String code, String message) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return root.toString();
  }
}
