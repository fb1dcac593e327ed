package io.privatelink.it.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real default policy, end to end: inside a network namespace this test creates (only loopback,
 * plus one interface holding a real address and no route anywhere), a HAPI FHIR server on a private
 * address is reached with {@code NetworkPolicy.defaults()} and no loopback allowance; the same
 * server on a non-private address is refused. Needs Linux, root and {@code ip netns}; skips, saying
 * why, elsewhere. Traffic never leaves the namespace.
 */
class NamespaceEndToEndTest {

  private static final String PRIVATE_ADDRESS = "10.213.0.4";
  // TEST-NET-3 (RFC 5737): not private, and reachable from nowhere.
  private static final String PUBLIC_ADDRESS = "203.0.113.4";

  private static String namespace;
  private static String interfaceKind;

  @BeforeAll
  static void createNamespace() throws Exception {
    Assumptions.assumeTrue(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
        "network namespaces need Linux");
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
        "the ip command (iproute2) is not installed");
    namespace = "plfhir-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    Result add = run("ip", "netns", "add", namespace);
    if (add.status != 0) {
      namespace = null;
      Assumptions.abort(
          "cannot create a network namespace (needs root / CAP_SYS_ADMIN): " + add.output);
    }
    require(run("ip", "-n", namespace, "link", "set", "lo", "up"));
    // A dummy interface where the kernel has the module; otherwise a veth pair inside the
    // namespace.
    if (run("ip", "-n", namespace, "link", "add", "pl0", "type", "dummy").status == 0) {
      interfaceKind = "dummy";
    } else {
      require(
          run("ip", "-n", namespace, "link", "add", "pl0", "type", "veth", "peer", "name", "pl1"));
      require(run("ip", "-n", namespace, "link", "set", "pl1", "up"));
      interfaceKind = "veth";
    }
    require(run("ip", "-n", namespace, "addr", "add", PRIVATE_ADDRESS + "/24", "dev", "pl0"));
    require(run("ip", "-n", namespace, "addr", "add", PUBLIC_ADDRESS + "/24", "dev", "pl0"));
    require(run("ip", "-n", namespace, "link", "set", "pl0", "up"));
  }

  @AfterAll
  static void deleteNamespace() throws Exception {
    if (namespace != null) {
      run("ip", "netns", "del", namespace);
    }
  }

  @Test
  void defaultPolicyReachesTheServerOnAPrivateAddress() throws Exception {
    Result result = scenario(PRIVATE_ADDRESS);

    assertEquals(0, result.status, result.output);
    assertTrue(result.output.contains("CAPABILITIES fhirVersion=4.0.1"), result.output);
    assertTrue(result.output.contains("software=privatelink-testkit"), result.output);
  }

  @Test
  void defaultPolicyRefusesTheSameServerOnANonPrivateAddress() throws Exception {
    Result result = scenario(PUBLIC_ADDRESS);

    assertEquals(2, result.status, result.output);
    assertTrue(result.output.contains("REFUSED PUBLIC_ADDRESS connections=0"), result.output);
  }

  private static Result scenario(String address) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return run(
        "ip",
        "netns",
        "exec",
        namespace,
        java,
        "-cp",
        System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        NamespaceScenario.class.getName(),
        address);
  }

  private static final class Result {
    final int status;
    final String output;

    Result(int status, String output) {
      this.status = status;
      this.output = output;
    }
  }

  private static void require(Result r) {
    if (r.status != 0) {
      throw new IllegalStateException(
          "namespace setup failed (" + interfaceKind + "): " + r.output);
    }
  }

  private static Result run(String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("plfhir-netns", ".log");
    try {
      Process p =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out: " + String.join(" ", command));
      }
      return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
