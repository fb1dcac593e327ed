package io.privatelink.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.privatelink.examples.cli.SandboxScenarios.Scenario;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.CanaryServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code privatelink sandbox}: runs an Azure Health Data Services look-alike on loopback until
 * Ctrl-C or SIGTERM, for trying {@code check}, {@code doctor} and your own app without an Azure
 * account. Prints the DNS server, the service URLs, the CA file to trust and ready-made scenarios
 * ({@link SandboxScenarios}) with their exact commands.
 *
 * <pre>
 * privatelink sandbox
 * privatelink sandbox --json --dns-port 5353 --fhir-port 8443 --dicom-port 8444 --arm-port 8445
 * </pre>
 */
@Command(
    name = "sandbox",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      SandboxCommand.SUMMARY,
      "Prints the DNS address, the service URLs, the CA certificate file to trust (--ca-cert) and"
          + " scenarios (linked, unlinked, public access on and off, missing A record, pending"
          + " endpoint) with the exact check and doctor commands for each."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:stopped by Ctrl-C or SIGTERM",
      " 1:a server could not start (e.g. a --*-port is taken)",
      "64:bad usage"
    })
final class SandboxCommand implements Callable<Integer> {

  /** The first line of the description, also the command list's entry ({@link PrivatelinkCli}). */
  static final String SUMMARY =
      "Starts a sandbox on loopback and keeps it running until Ctrl-C or SIGTERM: a DNS server"
          + " playing Azure DNS as a VNet sees it, a FHIR server and a DICOM health check over TLS on"
          + " 127.0.0.1 (the private endpoint), canaries on 127.0.0.2 (the public internet), a public"
          + " DNS view and the services' public face on "
          + SandboxScenarios.PUBLIC_ADDRESS
          + ", and an"
          + " embedded Azure Resource Manager holding each scenario's resources.";

  @Option(
      names = "--json",
      description = "Print one line holding one JSON object once everything listens.")
  private boolean json;

  @Option(
      names = "--dns-port",
      paramLabel = "PORT",
      description = "DNS port (UDP and TCP) on 127.0.0.1. Default: a free one.")
  private int dnsPort;

  @Option(
      names = "--fhir-port",
      paramLabel = "PORT",
      description = "FHIR port on 127.0.0.1 (and its canary's on 127.0.0.2). Default: a free one.")
  private int fhirPort;

  @Option(
      names = "--dicom-port",
      paramLabel = "PORT",
      description = "DICOM port on 127.0.0.1 (and its canary's on 127.0.0.2). Default: a free one.")
  private int dicomPort;

  @Option(
      names = "--arm-port",
      paramLabel = "PORT",
      description = "Embedded Azure Resource Manager port on 127.0.0.1. Default: a free one.")
  private int armPort;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    for (int port : new int[] {dnsPort, fhirPort, dicomPort, armPort}) {
      if (port < 0 || port > 65535) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "not a port: " + port);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SandboxScenarios scenarios;
    try {
      scenarios = SandboxScenarios.start(dnsPort, fhirPort, dicomPort, armPort);
    } catch (IllegalStateException | UncheckedIOException e) {
      err.println(
          spec.qualifiedName()
              + ": could not start: "
              + e.getMessage()
              + ". Pick other --dns-port, --fhir-port, --dicom-port or --arm-port values, or leave them out.");
      err.flush();
      return ExitStatus.ERROR;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              scenarios.close();
              if (!json) {
                out.println("privatelink sandbox: stopped.");
                out.flush();
              }
              stopped.countDown();
            },
            "privatelink-sandbox-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    if (json) {
      out.println(json(scenarios));
    } else {
      print(out, scenarios);
    }
    out.flush();
    stopped.await(); // until Ctrl-C or SIGTERM runs the hook
    return ExitStatus.PRIVATE;
  }

  static String json(SandboxScenarios s) {
    ObjectNode root = CliJson.object();
    AzureSandbox sandbox = s.sandbox();
    root.put("dns", s.dns());
    root.put("publicDns", s.publicDns());
    root.put("caCert", s.caCert().toString());
    root.put("allow", SandboxScenarios.ALLOW);
    root.put("fhir", sandbox.fhirBaseUrl());
    root.put("dicom", sandbox.dicomBaseUrl());
    root.put("arm", s.arm().endpoint());
    root.put("vnet", SandboxScenarios.VNET);
    root.put("canary", CanaryServer.ADDRESS);
    root.put("publicFace", SandboxScenarios.PUBLIC_ADDRESS);
    ArrayNode list = root.putArray("scenarios");
    for (Scenario scenario : s.scenarios()) {
      ObjectNode o = list.addObject();
      o.put("name", scenario.name());
      o.put("description", scenario.description());
      o.put("url", scenario.url());
      o.put("verdict", scenario.verdict().name());
      o.put("doctor", scenario.doctor());
      ArrayNode options = o.putArray("doctorOptions");
      scenario.doctorOptions().forEach(options::add);
      o.put("doctorWithOptions", scenario.doctorWithOptions());
      o.put("check", s.checkCommand(scenario));
      o.put("doctorCommand", s.doctorCommand(scenario));
    }
    return CliJson.line(root);
  }

  private static void print(PrintWriter out, SandboxScenarios s) {
    AzureSandbox sandbox = s.sandbox();
    out.println("privatelink sandbox: Azure Health Data Services on loopback, until Ctrl-C.");
    out.println(
        "127.0.0.1 plays the private endpoint, "
            + CanaryServer.ADDRESS
            + " the public internet"
            + " (canaries), "
            + SandboxScenarios.PUBLIC_ADDRESS
            + " the services' public face.");
    out.println();
    out.println("  DNS         " + s.dns() + "   (the VNet's view; --dns)");
    out.println("  Public DNS  " + s.publicDns() + "   (what the internet sees; --public-dns)");
    out.println("  FHIR        " + sandbox.fhirBaseUrl());
    out.println("  DICOM       " + sandbox.dicomBaseUrl());
    out.println(
        "  ARM         " + s.arm().endpoint() + "   (Azure Resource Manager; --arm-endpoint)");
    out.println("  CA cert     " + s.caCert() + "   (trust it: --ca-cert)");
    out.println(
        "  Policy      --allow " + SandboxScenarios.ALLOW + "   (the sandbox's private network)");
    out.println();
    out.println("'privatelink' is java -jar privatelink.jar. Scenarios:");
    for (Scenario scenario : s.scenarios()) {
      out.println();
      out.println("  " + scenario.name() + ": " + scenario.description());
      out.println(
          "    check says "
              + scenario.verdict()
              + "; doctor exits "
              + scenario.doctorWithOptions());
      out.println("    " + s.checkCommand(scenario));
      out.println("    " + s.doctorCommand(scenario));
    }
    out.println();
    out.println("Ready.");
  }
}
