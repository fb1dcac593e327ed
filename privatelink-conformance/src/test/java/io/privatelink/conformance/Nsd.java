package io.privatelink.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** NSD, authoritative only, serving every zone of {@link ZoneData} on a loopback port. */
final class Nsd {

  private Nsd() {}

  static ServerProcess start(Path binary, Path dir, Signing signing) {
    int port = ServerProcess.freePort();
    StringBuilder conf = new StringBuilder();
    conf.append("server:\n")
        .append("  ip-address: 127.0.0.1@")
        .append(port)
        .append('\n')
        .append("  port: ")
        .append(port)
        .append('\n')
        .append(
            """
              username: ""
              chroot: ""
              database: ""
              server-count: 1
              verbosity: 1
              hide-version: yes
              do-ip6: no
            """)
        .append("  zonesdir: \"")
        .append(dir)
        .append("\"\n")
        .append("  pidfile: \"")
        .append(dir.resolve("nsd.pid"))
        .append("\"\n")
        .append("  xfrdfile: \"")
        .append(dir.resolve("xfrd.state"))
        .append("\"\n")
        .append("  zonelistfile: \"")
        .append(dir.resolve("zone.list"))
        .append("\"\n")
        .append("remote-control:\n  control-enable: no\n");
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> zone : ZoneData.zones().entrySet()) {
        Path file = ZoneData.write(dir, zone.getKey(), zone.getValue());
        conf.append(zoneClause(zone.getKey(), file));
      }
      conf.append(zoneClause(ZoneData.SIGNED_ZONE, signing.signedZone()));
      conf.append(zoneClause(ZoneData.EXPIRED_ZONE, signing.expiredZone()));
      return ServerProcess.startConfigured("nsd", binary, dir, "nsd.conf", conf, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String zoneClause(String name, Path file) {
    return "zone:\n  name: \"" + name + "\"\n  zonefile: \"" + file + "\"\n";
  }
}
