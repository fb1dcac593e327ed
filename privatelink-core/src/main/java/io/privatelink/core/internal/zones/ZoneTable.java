package io.privatelink.core.internal.zones;

import io.privatelink.core.ServiceEndpoint.Cloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Microsoft's private-endpoint DNS table ("Azure Private Endpoint private DNS zone values"): per
 * cloud and service, the private DNS zone and the public service domain it serves. The source of
 * {@link io.privatelink.core.PrivateLinkZones#defaults()}.
 *
 * <p><b>Internal API:</b> public only so core, the testkit and the benchmarks can use it; it may
 * change in any release.
 */
public final class ZoneTable {

  /**
   * One row of the table.
   *
   * @param cloud the cloud
   * @param zone the private DNS zone, e.g. {@code privatelink.blob.core.windows.net}
   * @param serviceDomain the public domain whose hosts alias into it, e.g. {@code
   *     blob.core.windows.net}
   */
  public record Entry(Cloud cloud, String zone, String serviceDomain) {}

  /** Every row, for Azure public cloud, Azure Government and Azure operated by 21Vianet. */
  public static final List<Entry> AZURE = table();

  /** The rows by service domain, most specific (longest) domain first. */
  private static final List<Entry> BY_DOMAIN = longestDomainFirst(AZURE);

  private ZoneTable() {}

  /**
   * {@code rows} by service domain length, longest first; rows of equal length keep their order (a
   * stable sort). No stream and no {@code Comparator.comparingInt(...).reversed()}: this runs at
   * every CLI start, and those load classes that nothing else there needs.
   */
  private static List<Entry> longestDomainFirst(List<Entry> rows) {
    List<Entry> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Integer.compare(b.serviceDomain().length(), a.serviceDomain().length()));
    return List.copyOf(sorted);
  }

  private static List<Entry> table() {
    List<Entry> t = new ArrayList<>();
    for (String health : List.of("fhir.", "dicom.", "workspace.", "")) {
      t.add(same(Cloud.AZURE_PUBLIC, health + "azurehealthcareapis.com"));
      t.add(same(Cloud.AZURE_US_GOVERNMENT, health + "azurehealthcareapis.us"));
    }
    for (String storage : List.of("blob", "dfs", "queue", "table", "file")) {
      inEachCloud(
          t,
          storage + ".core.windows.net",
          storage + ".core.usgovcloudapi.net",
          storage + ".core.chinacloudapi.cn");
    }
    t.add(new Entry(Cloud.AZURE_PUBLIC, "privatelink.vaultcore.azure.net", "vault.azure.net"));
    t.add(
        new Entry(
            Cloud.AZURE_US_GOVERNMENT,
            "privatelink.vaultcore.usgovcloudapi.net",
            "vault.usgovcloudapi.net"));
    t.add(new Entry(Cloud.AZURE_CHINA, "privatelink.vaultcore.azure.cn", "vault.azure.cn"));
    inEachCloud(
        t, "servicebus.windows.net", "servicebus.usgovcloudapi.net", "servicebus.chinacloudapi.cn");
    inEachCloud(t, "azurewebsites.net", "azurewebsites.us", "chinacloudsites.cn");
    inEachCloud(
        t, "database.windows.net", "database.usgovcloudapi.net", "database.chinacloudapi.cn");
    inEachCloud(t, "documents.azure.com", "documents.azure.us", "documents.azure.cn");
    for (String api : List.of("mongo", "cassandra", "gremlin", "table")) {
      t.add(same(Cloud.AZURE_PUBLIC, api + ".cosmos.azure.com"));
    }
    t.add(same(Cloud.AZURE_US_GOVERNMENT, "mongo.cosmos.azure.us"));
    t.add(same(Cloud.AZURE_CHINA, "mongo.cosmos.azure.cn"));
    return List.copyOf(t);
  }

  /** One service whose zone is {@code privatelink.} + its domain in each of the three clouds. */
  private static void inEachCloud(
      List<Entry> t, String azurePublic, String usGovernment, String china) {
    t.add(same(Cloud.AZURE_PUBLIC, azurePublic));
    t.add(same(Cloud.AZURE_US_GOVERNMENT, usGovernment));
    t.add(same(Cloud.AZURE_CHINA, china));
  }

  private static Entry same(Cloud cloud, String serviceDomain) {
    return new Entry(cloud, "privatelink." + serviceDomain, serviceDomain);
  }

  /**
   * The name that Azure's public DNS aliases a service host to when the service has a private
   * endpoint, e.g. {@code myfhir.azurehealthcareapis.com} to {@code
   * myfhir.privatelink.azurehealthcareapis.com} and {@code ws-fhir.fhir.azurehealthcareapis.com} to
   * {@code ws-fhir.privatelink.fhir.azurehealthcareapis.com}. Empty for hosts outside the table's
   * service domains, and for names already inside one of its zones.
   *
   * @param host a DNS name, any case, with or without a trailing dot
   */
  public static Optional<String> privateLinkAlias(String host) {
    String h = normalize(host);
    for (Entry e : AZURE) {
      if (h.equals(e.zone()) || h.endsWith("." + e.zone())) {
        return Optional.empty();
      }
    }
    for (Entry e : BY_DOMAIN) {
      String domain = e.serviceDomain();
      if (h.endsWith("." + domain)) {
        String label = h.substring(0, h.length() - domain.length() - 1);
        if (!label.isEmpty() && label.indexOf('.') < 0) {
          return Optional.of(label + "." + e.zone());
        }
      }
    }
    return Optional.empty();
  }

  /** Lower case, without a trailing dot. */
  public static String normalize(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
