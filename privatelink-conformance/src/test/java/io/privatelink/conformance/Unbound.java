package io.privatelink.conformance;

import io.privatelink.testkit.DnsSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Unbound as a validating recursive resolver whose only upstreams are on loopback: everything is
 * forwarded to the NSD of the table ({@code forward-zone "."}, the conditional forwarder), except
 * the family-failure names, forwarded to a {@link DnsSandbox} that fails their AAAA queries.
 */
final class Unbound {

  /** Which resolver behaviour an instance plays. */
  enum Mode {
    PLAIN,
    /** {@code dns64} module with the well-known prefix 64:ff9b::/96. */
    DNS64,
    /** {@code private-address} for 10/8 and fd00::/8: DNS-rebinding protection. */
    REBINDING_PROTECTION
  }

  private Unbound() {}

  static ServerProcess start(
      Path binary, Path dir, Mode mode, ServerProcess nsd, Signing signing, DnsSandbox upstream) {
    int port = ServerProcess.freePort();
    StringBuilder conf = new StringBuilder("server:\n");
    conf.append("  interface: 127.0.0.1@")
        .append(port)
        .append('\n')
        .append("  port: ")
        .append(port)
        .append('\n')
        .append("  directory: \"")
        .append(dir)
        .append("\"\n")
        .append(
            """
              do-ip6: no
              username: ""
              chroot: ""
              pidfile: ""
              use-syslog: no
              logfile: ""
              verbosity: 1
              do-daemonize: no
              do-not-query-localhost: no
              access-control: 127.0.0.0/8 allow
              num-threads: 1
            """);
    conf.append(
        mode == Mode.DNS64
            ? "  module-config: \"dns64 validator iterator\"\n  dns64-prefix: 64:ff9b::/96\n"
            : "  module-config: \"validator iterator\"\n");
    if (mode == Mode.REBINDING_PROTECTION) {
      conf.append("  private-address: 10.0.0.0/8\n  private-address: fd00::/8\n");
    }
    for (Path anchor : signing.trustAnchors()) {
      conf.append("  trust-anchor-file: \"").append(anchor).append("\"\n");
    }
    conf.append("forward-zone:\n  name: \".\"\n  forward-addr: 127.0.0.1@")
        .append(nsd.port())
        .append('\n');
    for (Scenario s :
        List.of(Scenario.AAAA_REFUSED, Scenario.AAAA_SERVFAIL, Scenario.AAAA_DROPPED)) {
      conf.append("forward-zone:\n  name: \"")
          .append(s.host)
          .append("\"\n  forward-addr: 127.0.0.1@")
          .append(upstream.port())
          .append('\n');
    }
    try {
      Files.createDirectories(dir);
      return ServerProcess.startConfigured(
          "unbound-" + mode, binary, dir, "unbound.conf", conf, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
