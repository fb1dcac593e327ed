package io.privatelink.core;

import io.privatelink.core.internal.host.HostNames;
import io.privatelink.core.internal.zones.ZoneTable;
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
 *   <li>Azure Health Data Services and Azure API for FHIR, both naming variants Microsoft's docs
 *       use ({@code privatelink.azurehealthcareapis.com} and {@code
 *       privatelink.{workspace,fhir,dicom}.azurehealthcareapis.com}; public and Government);
 *   <li>Storage: blob, dfs, queue, table, file ({@code privatelink.blob.core.windows.net}, ...);
 *   <li>Key Vault ({@code myvault.vault.azure.net} aliases into {@code
 *       privatelink.vaultcore.azure.net});
 *   <li>Service Bus and Event Hubs ({@code privatelink.servicebus.windows.net});
 *   <li>App Service, where the open-source FHIR server runs ({@code
 *       privatelink.azurewebsites.net});
 *   <li>Azure SQL Database ({@code privatelink.database.windows.net});
 *   <li>Cosmos DB ({@code privatelink.documents.azure.com}, and the MongoDB, Cassandra, Gremlin and
 *       Table APIs' zones).
 * </ul>
 *
 * <p>A host in one of these service domains ({@code mystorage.blob.core.windows.net}) must resolve
 * through its zone: {@link PrivateLinkResolver} requires the zone for them as for health hosts. One
 * cloud's zones alone: {@code PrivateLinkZones.forCloud("AzureUSGovernment")}. Add your own zones
 * for a custom setup:
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

  private static final PrivateLinkZones DEFAULTS = of(ZoneTable.AZURE);

  private static PrivateLinkZones of(List<ZoneTable.Entry> entries) {
    Builder builder = new Builder();
    for (ZoneTable.Entry e : entries) {
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

  /**
   * The zones known by default: every service and cloud listed in the class comment.
   *
   * @return the shared default zone set
   */
  public static PrivateLinkZones defaults() {
    return DEFAULTS;
  }

  /**
   * The zones of one cloud.
   *
   * @param cloud a known Azure cloud
   * @return that cloud's zones
   * @throws IllegalArgumentException for {@link ServiceEndpoint.Cloud#NONE}
   */
  public static PrivateLinkZones forCloud(ServiceEndpoint.Cloud cloud) {
    if (cloud == ServiceEndpoint.Cloud.NONE) {
      throw new IllegalArgumentException(
          "Cloud.NONE has no private link zones; pick AZURE_PUBLIC, AZURE_US_GOVERNMENT or"
              + " AZURE_CHINA");
    }
    List<ZoneTable.Entry> entries = new ArrayList<>();
    for (ZoneTable.Entry e : ZoneTable.AZURE) {
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
   * @param name the cloud's name
   * @return that cloud's zones
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

  /**
   * An empty builder; call {@link Builder#add} for each zone.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this set's zones, to add more.
   *
   * @return a new builder holding this set's zones
   */
  public Builder newBuilder() {
    Builder builder = new Builder();
    builder.aliases.putAll(aliases);
    return builder;
  }

  /**
   * The zone names, lower case, without a trailing dot.
   *
   * @return the zone names; unmodifiable
   */
  public List<String> zones() {
    return zones;
  }

  /**
   * The known zone that {@code name} lies in (a name inside the zone, or the zone apex itself).
   *
   * @return the zone, lower case; empty when {@code name} is in none of the known zones
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

  static String normalize(String name) {
    return ZoneTable.normalize(name);
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
     * @param zone a zone name starting with {@code privatelink.}, any case, trailing dot allowed
     * @return this builder
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
     * @param zone a zone name starting with {@code privatelink.}
     * @param serviceDomain the public domain whose hosts the zone serves, e.g. {@code
     *     vault.azure.net}
     * @return this builder
     * @throws IllegalArgumentException if the zone is not under {@code privatelink.} or the domain
     *     is malformed
     */
    public Builder add(String zone, String serviceDomain) {
      String z = checkZone(zone);
      String d = normalize(serviceDomain);
      HostNames.canonicalHost(d);
      aliases.put(d, z);
      return this;
    }

    private static String checkZone(String zone) {
      String z = normalize(zone);
      if (!z.startsWith("privatelink.") || z.length() <= "privatelink.".length()) {
        throw new IllegalArgumentException(
            "'" + zone + "' is not a private link zone; expected privatelink.<domain>");
      }
      HostNames.canonicalHost(z);
      return z;
    }

    /**
     * The zone set; the most specific zones and domains are matched first.
     *
     * @return the zone set; later changes to this builder do not affect it
     */
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
