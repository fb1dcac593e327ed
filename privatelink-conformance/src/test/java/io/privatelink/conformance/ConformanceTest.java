package io.privatelink.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.testkit.DnsFault;
import io.privatelink.testkit.DnsSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/**
 * One scenario table ({@link Scenario}) against each DNS server users actually run, started by the
 * test on loopback: NSD (authoritative only), Unbound and dnsmasq (conditional forwarders to that
 * NSD, nothing else), and the testkit's {@link DnsSandbox}. Every server must lead the resolver to
 * the same verdict (and, where the table names one, the same hint cause). A scenario a server
 * cannot play (an authoritative server has no forwarding to fail, dnsmasq has no DNS64) is skipped
 * with that reason; nothing here ever asks the internet.
 */
class ConformanceTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir static Path dir;

  private static final List<AutoCloseable> running = new ArrayList<>();
  private static DnsSandbox upstream;
  private static ServerProcess nsd;
  private static Signing signing;

  @AfterAll
  static void stopAll() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    running.clear();
    nsd = null;
    upstream = null;
  }

  private static <T extends AutoCloseable> T keep(T server) {
    running.add(server);
    return server;
  }

  /** The resolver's answer for one scenario, against the given nameservers. */
  private static void check(Scenario scenario, List<String> nameservers) {
    Diagnosis d =
        PrivateLinkResolver.builder()
            .nameservers(nameservers.toArray(String[]::new))
            .timeout(TIMEOUT)
            .retries(0)
            .noCache()
            .build()
            .diagnose(scenario.host);
    assertEquals(scenario.verdict, d.verdict(), d.toString());
    if (scenario.name().startsWith("AAAA_")) {
      assertEquals(
          List.of("AAAA"),
          d.resolution().failedQueries().stream().map(f -> f.type()).toList(),
          "the AAAA query failed and was recorded: " + d);
    }
    if (scenario.cause != null) {
      assertTrue(
          d.hintsWithEvidence().stream().anyMatch(h -> h.cause() == scenario.cause),
          "expected a " + scenario.cause + " hint: " + d);
    }
  }

  /** What one server does with a scenario: the nameservers to ask, or why it cannot play it. */
  private record Target(List<String> nameservers, String notApplicable) {
    static Target ask(String... nameservers) {
      return new Target(Arrays.asList(nameservers), null);
    }

    static Target na(String why) {
      return new Target(List.of(), why);
    }
  }

  private static Stream<DynamicTest> table(String server, Function<Scenario, Target> targets) {
    return Arrays.stream(Scenario.values())
        .map(
            s ->
                DynamicTest.dynamicTest(
                    server + ": " + s,
                    () -> {
                      Target target = targets.apply(s);
                      Assumptions.assumeTrue(
                          target.notApplicable == null, server + ": " + target.notApplicable);
                      check(s, target.nameservers);
                    }));
  }

  private static String deadNameserver() {
    return "127.0.0.1:" + ServerProcess.freePort(); // nothing listens there
  }

  // ------------------------------------------------------------------ shared upstreams

  /** The upstream that answers A but fails AAAA, for the forwarders' family scenarios. */
  private static DnsSandbox faultyAaaaUpstream() {
    if (upstream == null) {
      upstream = keep(DnsSandbox.start());
      faultyAaaa(upstream);
    }
    return upstream;
  }

  private static void faultyAaaa(DnsSandbox dns) {
    dns.a(Scenario.AAAA_REFUSED.host, "10.0.0.10")
        .fault(Scenario.AAAA_REFUSED.host, Type.AAAA, DnsFault.REFUSED);
    dns.a(Scenario.AAAA_SERVFAIL.host, "10.0.0.11")
        .fault(Scenario.AAAA_SERVFAIL.host, Type.AAAA, DnsFault.SERVFAIL);
    dns.a(Scenario.AAAA_DROPPED.host, "10.0.0.12")
        .fault(Scenario.AAAA_DROPPED.host, Type.AAAA, DnsFault.DROP);
  }

  /** NSD, authoritative for every zone of the table (two of them DNSSEC-signed). */
  private static ServerProcess nsd() {
    if (nsd == null) {
      Path binary = DnsSoftware.require("nsd", "nsd");
      signing = Signing.signZones(dir.resolve("signed"));
      nsd = keep(Nsd.start(binary, dir.resolve("nsd"), signing));
    }
    return nsd;
  }

  // ------------------------------------------------------------------ the servers

  @TestFactory
  Stream<DynamicTest> dnsSandbox() {
    DnsSandbox plain = keep(DnsSandbox.start());
    ZoneData.loadInto(plain, dir);
    faultyAaaa(plain);
    DnsSandbox dns64 = keep(DnsSandbox.start());
    ZoneData.loadInto(dns64, dir);
    dns64.dns64("64:ff9b::");
    DnsSandbox protecting = keep(DnsSandbox.start());
    ZoneData.loadInto(protecting, dir);
    protecting.rebindingProtection(true);
    protecting.fault("lame.azurehealthcareapis.us", DnsFault.REFUSED);
    plain.fault("lame.azurehealthcareapis.us", DnsFault.REFUSED);
    return table(
        "DnsSandbox",
        s ->
            switch (s) {
              case DNS64 -> Target.ask(dns64.nameserver());
              case REBINDING_PROTECTION -> Target.ask(protecting.nameserver());
              case DEAD_FIRST_NAMESERVER -> Target.ask(deadNameserver(), plain.nameserver());
              case DNSSEC_VALID_SIGNATURES, DNSSEC_EXPIRED_SIGNATURES ->
                  Target.na("DnsSandbox does not sign zones");
              default -> Target.ask(plain.nameserver());
            });
  }

  @TestFactory
  Stream<DynamicTest> nsdAuthoritativeOnly() {
    return table(
        "NSD",
        s ->
            switch (s) {
              case AAAA_REFUSED, AAAA_SERVFAIL, AAAA_DROPPED ->
                  Target.na(
                      "an authoritative server answers every type it holds; a failing"
                          + " family needs a forwarder");
              case DNS64 -> Target.na("DNS64 is a recursive resolver's job");
              case REBINDING_PROTECTION ->
                  Target.na("rebinding protection is a recursive" + " resolver's job");
              case DNSSEC_EXPIRED_SIGNATURES ->
                  Target.na(
                      "an authoritative server serves" + " signatures, it does not validate them");
              case DEAD_FIRST_NAMESERVER -> Target.ask(deadNameserver(), nsd().nameserver());
              default -> Target.ask(nsd().nameserver());
            });
  }

  @TestFactory
  Stream<DynamicTest> unboundForwardingToNsd() {
    return table(
        "Unbound",
        s ->
            switch (s) {
              case DNS64 -> Target.ask(unbound(Unbound.Mode.DNS64).nameserver());
              case REBINDING_PROTECTION ->
                  Target.ask(unbound(Unbound.Mode.REBINDING_PROTECTION).nameserver());
              case DEAD_FIRST_NAMESERVER ->
                  Target.ask(deadNameserver(), unbound(Unbound.Mode.PLAIN).nameserver());
              default -> Target.ask(unbound(Unbound.Mode.PLAIN).nameserver());
            });
  }

  @TestFactory
  Stream<DynamicTest> dnsmasqForwardingToNsd() {
    return table(
        "dnsmasq",
        s ->
            switch (s) {
              case DNS64 -> Target.na("dnsmasq has no DNS64");
              case DNSSEC_EXPIRED_SIGNATURES ->
                  Target.na(
                      "dnsmasq runs here without --dnssec"
                          + " (it validates only down from its trust anchors), so it passes expired"
                          + " signatures on");
              case REBINDING_PROTECTION -> Target.ask(dnsmasq(true).nameserver());
              case DEAD_FIRST_NAMESERVER ->
                  Target.ask(deadNameserver(), dnsmasq(false).nameserver());
              default -> Target.ask(dnsmasq(false).nameserver());
            });
  }

  private static final ServerProcess[] unbounds = new ServerProcess[Unbound.Mode.values().length];
  private static final ServerProcess[] dnsmasqs = new ServerProcess[2];

  private static ServerProcess unbound(Unbound.Mode mode) {
    if (unbounds[mode.ordinal()] == null || !running.contains(unbounds[mode.ordinal()])) {
      Path binary = DnsSoftware.require("unbound", "unbound");
      unbounds[mode.ordinal()] =
          keep(
              Unbound.start(
                  binary,
                  dir.resolve("unbound-" + mode),
                  mode,
                  nsd(),
                  signing,
                  faultyAaaaUpstream()));
    }
    return unbounds[mode.ordinal()];
  }

  private static ServerProcess dnsmasq(boolean stopRebind) {
    int i = stopRebind ? 1 : 0;
    if (dnsmasqs[i] == null || !running.contains(dnsmasqs[i])) {
      Path binary = DnsSoftware.require("dnsmasq", "dnsmasq-base");
      dnsmasqs[i] =
          keep(
              Dnsmasq.start(
                  binary, dir.resolve("dnsmasq-" + i), stopRebind, nsd(), faultyAaaaUpstream()));
    }
    return dnsmasqs[i];
  }
}
