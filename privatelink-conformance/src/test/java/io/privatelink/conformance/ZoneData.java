package io.privatelink.conformance;

import io.privatelink.testkit.DnsSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xbill.DNS.Master;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The records behind {@link Scenario}, as master-file text per zone: written to disk for NSD, and
 * parsed (dnsjava's {@link Master}) into a {@link DnsSandbox}, so every server serves the same
 * data. Addresses are only data here: nothing ever connects to them.
 */
final class ZoneData {

  static final String FAULTY_AAAA_ZONE = "privatelink.azurehealthcareapis.com";

  private ZoneData() {}

  private static final String HEADER =
      """
      $TTL 60
      @ SOA ns.test. hostmaster.test. 1 3600 600 86400 60
      @ NS ns.test.
      """;

  /** Unsigned zones, origin to text. */
  static Map<String, String> zones() {
    Map<String, String> zones = new LinkedHashMap<>();
    zones.put(
        "azurehealthcareapis.com",
        HEADER
            + """
        linked CNAME linked.privatelink
        unlinked CNAME unlinked.privatelink
        publiconly CNAME publiconly-app.cloudapp.azure.com.
        mixed CNAME mixed.privatelink
        dual CNAME dual.privatelink
        big CNAME big.privatelink
        missing CNAME missing.privatelink
        long CNAME long.privatelink
        toolong CNAME toolong-1.trafficmanager.net.
        loop CNAME loop.trafficmanager.net.
        """);
    StringBuilder big = new StringBuilder();
    for (int i = 1; i <= 100; i++) {
      big.append("big A 10.0.1.").append(i).append('\n');
    }
    zones.put(
        "privatelink.azurehealthcareapis.com",
        HEADER
            + """
        linked A 10.0.0.4
        unlinked CNAME unlinked-tm.trafficmanager.net.
        mixed A 10.0.0.5
        mixed AAAA 2603:1030::5
        dual A 10.0.0.6
        dual AAAA fd00::6
        nodata TXT "no address here"
        long CNAME long-1.trafficmanager.net.
        """
            + big);
    StringBuilder tm = new StringBuilder(HEADER);
    tm.append("unlinked-tm CNAME unlinked-tm.cloudapp.azure.com.\n");
    for (int i = 1; i < 5; i++) {
      tm.append("long-").append(i).append(" CNAME long-").append(i + 1).append('\n');
    }
    tm.append("long-5 A 10.0.0.20\n");
    for (int i = 1; i < 20; i++) {
      tm.append("toolong-").append(i).append(" CNAME toolong-").append(i + 1).append('\n');
    }
    tm.append("toolong-20 A 10.0.0.21\n");
    tm.append("loop CNAME loop.azurehealthcareapis.com.\n");
    zones.put("trafficmanager.net", tm.toString());
    zones.put(
        "cloudapp.azure.com",
        HEADER
            + """
        unlinked-tm A 52.1.2.3
        publiconly-app A 52.1.2.4
        """);
    return zones;
  }

  /** The zone the DNSSEC scenario with valid signatures lives in, and its records. */
  static final String SIGNED_ZONE = "privatelink.dicom.azurehealthcareapis.com";

  /** The zone signed with signatures that expired in 2020. */
  static final String EXPIRED_ZONE = "privatelink.workspace.azurehealthcareapis.com";

  static String signedZoneText() {
    return HEADER + "ok A 10.0.2.4\n";
  }

  static String expiredZoneText() {
    return HEADER + "expired A 10.0.3.4\n";
  }

  /** Writes {@code text} as the zone file {@code dir/ORIGIN.zone}, with its $ORIGIN. */
  static Path write(Path dir, String origin, String text) {
    Path file = dir.resolve(origin + ".zone");
    try {
      Files.writeString(file, "$ORIGIN " + origin + ".\n" + text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Loads every unsigned zone into {@code sandbox} (SOA and NS records left out). */
  static void loadInto(DnsSandbox sandbox, Path dir) {
    for (Map.Entry<String, String> zone : zones().entrySet()) {
      Path file = write(dir, zone.getKey(), zone.getValue());
      try (Master master = new Master(file.toString())) {
        Record record;
        while ((record = master.nextRecord()) != null) {
          if (record.getType() != Type.SOA && record.getType() != Type.NS) {
            sandbox.record(record);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
