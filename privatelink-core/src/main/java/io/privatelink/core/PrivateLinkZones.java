package io.privatelink.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The private DNS zones through which an Azure service name must resolve when it goes over Private
 * Link, per cloud and service, from Microsoft's private-endpoint DNS table ("Azure Private Endpoint
 * private DNS zone values").
 *
 * <p>Known by default, for Azure public cloud, Azure Government and Azure operated by 21Vianet
 * (China):
 *
 * <ul>
 *   <li>Azure Health Data Services and Azure API for FHIR, both naming variants Microsoft's docs use
 *       ({@code privatelink.azurehealthcareapis.com} and {@code
 *       privatelink.{workspace,fhir,dicom}.azurehealthcareapis.com}; public and Government);
 *   <li>Storage: blob, dfs, queue, table, file ({@code privatelink.blob.core.windows.net}, ...);
 *   <li>Key Vault ({@code myvault.vault.azure.net} aliases into {@code privatelink.vaultcore.azure.net});
 *   <li>Service Bus and Event Hubs ({@code privatelink.servicebus.windows.net});
 *   <li>App Service, where the open-source FHIR server runs ({@code privatelink.azurewebsites.net});
 *   <li>Azure SQL Database ({@code privatelink.database.windows.net});
 *   <li>Cosmos DB ({@code privatelink.documents.azure.com}, and the MongoDB, Cassandra, Gremlin and
 *       Table APIs' zones).
 * </ul>
 *
 * <p>A host in one of these service domains ({@code mystorage.blob.core.windows.net}) must resolve
 * through its zone: {@link PrivateLinkResolver} requires the zone for them as for health hosts. One
 * cloud's zones alone: {@code PrivateLinkZones.forCloud("AzureUSGovernment")}. Add your own zones for
 * a custom setup:
 *
 * <pre>{@code
 * PrivateLinkZones zones = PrivateLinkZones.defaults().newBuilder()
 *     .add("privatelink.azurehealthcareapis.example")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PrivateLinkZones {

  /** One row of Microsoft's table: a cloud's private zone and the public domain it serves. */
  private record Entry(ServiceEndpoint.Cloud cloud, String zone, String serviceDomain) {}

  private static final List<Entry> TABLE = table();

  private static List<Entry> table() {
    List<Entry> t = new ArrayList<>();
    ServiceEndpoint.Cloud pub = ServiceEndpoint.Cloud.AZURE_PUBLIC;
    ServiceEndpoint.Cloud gov = ServiceEndpoint.Cloud.AZURE_US_GOVERNMENT;
    ServiceEndpoint.Cloud china = ServiceEndpoint.Cloud.AZURE_CHINA;
    for (String health : List.of("fhir.", "dicom.", "workspace.", "")) {
      t.add(same(pub, health + "azurehealthcareapis.com"));
      t.add(same(gov, health + "azurehealthcareapis.us"));
    }
    for (String storage : List.of("blob", "dfs", "queue", "table", "file")) {
      t.add(same(pub, storage + ".core.windows.net"));
      t.add(same(gov, storage + ".core.usgovcloudapi.net"));
      t.add(same(china, storage + ".core.chinacloudapi.cn"));
    }
    t.add(new Entry(pub, "privatelink.vaultcore.azure.net", "vault.azure.net"));
    t.add(new Entry(gov, "privatelink.vaultcore.usgovcloudapi.net", "vault.usgovcloudapi.net"));
    t.add(new Entry(china, "privatelink.vaultcore.azure.cn", "vault.azure.cn"));
    t.add(same(pub, "servicebus.windows.net"));
    t.add(same(gov, "servicebus.usgovcloudapi.net"));
    t.add(same(china, "servicebus.chinacloudapi.cn"));
    t.add(same(pub, "azurewebsites.net"));
    t.add(same(gov, "azurewebsites.us"));
    t.add(same(china, "chinacloudsites.cn"));
    t.add(same(pub, "database.windows.net"));
    t.add(same(gov, "database.usgovcloudapi.net"));
    t.add(same(china, "database.chinacloudapi.cn"));
    t.add(same(pub, "documents.azure.com"));
    t.add(same(gov, "documents.azure.us"));
    t.add(same(china, "documents.azure.cn"));
    for (String api : List.of("mongo", "cassandra", "gremlin", "table")) {
      t.add(same(pub, api + ".cosmos.azure.com"));
    }
    t.add(same(gov, "mongo.cosmos.azure.us"));
    t.add(same(china, "mongo.cosmos.azure.cn"));
    return List.copyOf(t);
  }

  private static Entry same(ServiceEndpoint.Cloud cloud, String serviceDomain) {
    return new Entry(cloud, "privatelink." + serviceDomain, serviceDomain);
  }

  private static final PrivateLinkZones DEFAULTS = of(TABLE);

  private static PrivateLinkZones of(List<Entry> entries) {
    Builder builder = new Builder();
    for (Entry e : entries) {
      builder.add(e.zone(), e.serviceDomain());
    }
    return builder.build();
  }

  private final List<String> zones;
  private final List<String> suffixes;
  /** Service domain to zone, most specific domain first. */
  private final Map<String, String> aliases;

  private PrivateLinkZones(List<String> zones, Map<String, String> aliases) {
    this.zones = Collections.unmodifiableList(new ArrayList<>(zones));
    List<String> s = new ArrayList<>();
    for (String zone : zones) {
      s.add("." + zone);
    }
    this.suffixes = Collections.unmodifiableList(s);
    this.aliases = Collections.unmodifiableMap(aliases);
  }

  /** The zones known by default: every service and cloud listed in the class comment. */
  public static PrivateLinkZones defaults() {
    return DEFAULTS;
  }

  /**
   * The zones of one cloud.
   *
   * @throws IllegalArgumentException for {@link ServiceEndpoint.Cloud#NONE}
   */
  public static PrivateLinkZones forCloud(ServiceEndpoint.Cloud cloud) {
    if (cloud == ServiceEndpoint.Cloud.NONE) {
      throw new IllegalArgumentException(
          "Cloud.NONE has no private link zones; pick AZURE_PUBLIC, AZURE_US_GOVERNMENT or"
              + " AZURE_CHINA");
    }
    List<Entry> entries = new ArrayList<>();
    for (Entry e : TABLE) {
      if (e.cloud() == cloud) {
        entries.add(e);
      }
    }
    return of(entries);
  }

  /**
   * The zones of one cloud, by the name the Azure CLI uses ({@code AzureCloud}, {@code
   * AzureUSGovernment}, {@code AzureChinaCloud}; case-insensitive) or the {@link
   * ServiceEndpoint.Cloud} constant's name.
   *
   * @throws IllegalArgumentException for any other name; the message lists the known ones
   */
  public static PrivateLinkZones forCloud(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    ServiceEndpoint.Cloud cloud =
        switch (n) {
          case "azurecloud", "azurepubliccloud", "azure_public", "public" ->
              ServiceEndpoint.Cloud.AZURE_PUBLIC;
          case "azureusgovernment", "azure_us_government", "usgovernment" ->
              ServiceEndpoint.Cloud.AZURE_US_GOVERNMENT;
          case "azurechinacloud", "azure_china", "china" -> ServiceEndpoint.Cloud.AZURE_CHINA;
          default ->
              throw new IllegalArgumentException(
                  "unknown cloud '"
                      + name
                      + "'; known clouds: AzureCloud, AzureUSGovernment, AzureChinaCloud (Azure CLI"
                      + " names), or add your zones with PrivateLinkZones.builder().add(...)");
        };
    return forCloud(cloud);
  }

  /** An empty builder; call {@link Builder#add} for each zone. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this set's zones, to add more. */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.aliases.putAll(aliases);
    return builder;
  }

  /** The zone names, lower case, without a trailing dot. */
  public List<String> zones() {
    return zones;
  }

  /**
   * The known zone that {@code name} lies in (a name inside the zone, or the zone apex itself).
   *
   * @param name a DNS name, any case, with or without a trailing dot
   */
  public Optional<String> zoneOf(String name) {
    String n = normalize(name);
    for (int i = 0; i < zones.size(); i++) {
      if (n.endsWith(suffixes.get(i)) || n.equals(zones.get(i))) {
        return Optional.of(zones.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * The name that Azure's public DNS aliases a service host to when the service has a private
   * endpoint, e.g. {@code myfhir.azurehealthcareapis.com} to {@code
   * myfhir.privatelink.azurehealthcareapis.com} and {@code ws-fhir.fhir.azurehealthcareapis.com} to
   * {@code ws-fhir.privatelink.fhir.azurehealthcareapis.com}. Empty for hosts outside the known
   * service domains, and for names already inside a privatelink zone.
   */
  public Optional<String> privateLinkAlias(String host) {
    String h = normalize(host);
    if (zoneOf(h).isPresent()) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> alias : aliases.entrySet()) {
      String domain = alias.getKey();
      if (h.endsWith("." + domain)) {
        String label = h.substring(0, h.length() - domain.length() - 1);
        if (!label.isEmpty() && label.indexOf('.') < 0) {
          return Optional.of(label + "." + alias.getValue());
        }
      }
    }
    return Optional.empty();
  }

  static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrivateLinkZones other && other.zones.equals(zones);
  }

  @Override
  public int hashCode() {
    return zones.hashCode();
  }

  @Override
  public String toString() {
    return "PrivateLinkZones" + zones;
  }

  /** Builds a {@link PrivateLinkZones}. */
  public static final class Builder {
    /** Service domain to zone; insertion order. */
    private final Map<String, String> aliases = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a zone whose service domain is the zone without {@code privatelink.}: {@code
     * privatelink.blob.core.windows.net} serves {@code {account}.blob.core.windows.net}. It must
     * start with {@code privatelink.} (every Azure Private Link zone does, and the label is what
     * makes a chain through it meaningful).
     *
     * @throws IllegalArgumentException if the name is not a zone name under {@code privatelink.}
     */
    public Builder add(String zone) {
      String z = checkZone(zone);
      return add(z, z.substring("privatelink.".length()));
    }

    /**
     * Adds a zone serving another domain, as Key Vault's {@code privatelink.vaultcore.azure.net}
     * serves {@code {vault}.vault.azure.net}.
     *
     * @throws IllegalArgumentException if the zone is not under {@code privatelink.} or the domain
     *     is malformed
     */
    public Builder add(String zone, String serviceDomain) {
      String z = checkZone(zone);
      String d = normalize(serviceDomain);
      io.privatelink.core.internal.host.HostNames.canonicalHost(d);
      aliases.put(d, z);
      return this;
    }

    private static String checkZone(String zone) {
      String z = normalize(zone);
      if (!z.startsWith("privatelink.") || z.length() <= "privatelink.".length()) {
        throw new IllegalArgumentException(
            "'" + zone + "' is not a private link zone; expected privatelink.<domain>");
      }
      io.privatelink.core.internal.host.HostNames.canonicalHost(z);
      return z;
    }

    /** The zone set; the most specific zones and domains are matched first. */
    public PrivateLinkZones build() {
      List<String> sorted = new ArrayList<>(new LinkedHashSet<>(aliases.values()));
      sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
      List<Map.Entry<String, String>> byDomain = new ArrayList<>(aliases.entrySet());
      byDomain.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
      Map<String, String> ordered = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : byDomain) {
        ordered.put(e.getKey(), e.getValue());
      }
      return new PrivateLinkZones(sorted, ordered);
    }
  }
}
