package io.privatelink.conformance;

import io.privatelink.testkit.DnsSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dnsmasq as the small forwarder of many networks: conditional forwarders ({@code
 * --server=/zone/ip#port}) to the NSD of the table and nothing else ({@code --no-resolv}), a local
 * A record with no upstream for its name (whose AAAA query dnsmasq then REFUSES), and the other
 * family-failure names forwarded to a {@link DnsSandbox} that fails their AAAA queries.
 */
final class Dnsmasq {

  private Dnsmasq() {}

  static ServerProcess start(
      Path binary, Path dir, boolean stopDnsRebind, ServerProcess nsd, DnsSandbox upstream) {
    int port = ServerProcess.freePort();
    String authority = "127.0.0.1#" + nsd.port();
    String faulty = "127.0.0.1#" + upstream.port();
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--keep-in-foreground",
                "--port=" + port,
                "--listen-address=127.0.0.1",
                "--bind-interfaces",
                "--no-resolv",
                "--no-hosts",
                "--no-poll",
                "--conf-file=/dev/null",
                "--pid-file=",
                "--log-facility=-",
                "--server=/azurehealthcareapis.com/" + authority,
                "--server=/azurehealthcareapis.us/" + authority,
                "--server=/trafficmanager.net/" + authority,
                "--server=/cloudapp.azure.com/" + authority,
                "--server=/" + Scenario.AAAA_SERVFAIL.host + "/" + faulty,
                "--server=/" + Scenario.AAAA_DROPPED.host + "/" + faulty,
                // A local A record whose name has no upstream ("#": the default servers, and
                // --no-resolv leaves none): dnsmasq answers the A query and REFUSES the AAAA query.
                "--server=/" + Scenario.AAAA_REFUSED.host + "/#",
                "--host-record=" + Scenario.AAAA_REFUSED.host + ",10.0.0.10"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.add("--user=root"); // otherwise it drops to "nobody", who cannot read the temp dir
    }
    if (stopDnsRebind) {
      command.add("--stop-dns-rebind");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ServerProcess.start("dnsmasq", command, dir, port, "azurehealthcareapis.com");
  }
}
