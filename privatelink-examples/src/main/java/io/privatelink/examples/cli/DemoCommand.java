package io.privatelink.examples.cli;

import io.privatelink.core.Diagnosis;
import io.privatelink.core.PrivateLinkException;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Verdict;
import io.privatelink.examples.CapabilityStatementSample;
import io.privatelink.examples.DicomHealthSample;
import io.privatelink.testkit.AzureSandbox;
import io.privatelink.testkit.CanaryServer;
import io.privatelink.testkit.EmbeddedFhirServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code privatelink demo}: the guard at work with no Azure account. Starts an {@link AzureSandbox}
 * (Azure DNS, a FHIR and a DICOM service on {@code 127.0.0.1}, canaries on {@code 127.0.0.2}) and
 * walks through five numbered steps, each ending in a PASS or FAIL line: {@code check} of the
 * linked FHIR host, the CapabilityStatement through the guarded HAPI client ({@link
 * CapabilityStatementSample}), the DICOM health check through the guarded OkHttp client ({@link
 * DicomHealthSample}), the same app pointed at an unlinked host (refused), and the canaries'
 * connection count (zero). Exits 0 when every step passed, 1 otherwise.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      DemoCommand.SUMMARY,
      "Takes no arguments; everything stays on loopback and is closed at the end."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:every step behaved as shown (PASS)",
      " 1:a step did not (see its FAIL line)"
    })
final class DemoCommand implements Callable<Integer> {

  /** The first line of the description, also the command list's entry ({@link PrivatelinkCli}). */
  static final String SUMMARY =
      "Shows the guard at work on this machine, with no Azure account: starts a sandbox (a DNS"
          + " server playing Azure DNS, an embedded HAPI FHIR server and a DICOM health check on"
          + " 127.0.0.1 playing the private endpoint, a canary on 127.0.0.2 playing the public"
          + " internet) and runs the samples against it, step by step.";

  private static final String STEP_INDENT = "   ";
  private static final int STEPS = 5;

  @ParentCommand private PrivatelinkCli cli;

  @Spec private CommandSpec spec;

  // Set first thing in call(), the command's only entry; every step reads them.
  @SuppressWarnings("NullAway.Init")
  private PrintWriter out;

  @SuppressWarnings("NullAway.Init")
  private AzureSandbox sandbox;

  @SuppressWarnings("NullAway.Init")
  private PrivateLinkResolver resolver;

  @SuppressWarnings("NullAway.Init")
  private OkHttpClient httpClient;

  @Override
  public Integer call() throws InterruptedException {
    out = spec.commandLine().getOut();
    try (AzureSandbox started = AzureSandbox.start()) {
      sandbox = started;
      resolver = sandbox.newResolver();
      // Trusts the sandbox's generated CA and nothing else; the guard takes over DNS and sockets.
      httpClient =
          new OkHttpClient.Builder()
              .sslSocketFactory(
                  sandbox.certificates().clientSocketFactory(),
                  sandbox.certificates().trustManager())
              .build();
      try {
        return run();
      } finally {
        ServiceOptions.shutdown(httpClient);
      }
    }
  }

  private int run() throws InterruptedException {
    introduce();
    int passed = 0;
    passed += checkLinkedHost() ? 1 : 0;
    passed += readCapabilityStatement() ? 1 : 0;
    passed += checkDicomHealth() ? 1 : 0;
    passed += refuseUnlinkedHost() ? 1 : 0;
    passed += countCanaryConnections() ? 1 : 0;
    out.println();
    if (passed == STEPS) {
      out.println("Result: PASS, all " + STEPS + " steps behaved as shown.");
    } else {
      out.println(
          "Result: FAIL, " + (STEPS - passed) + " of " + STEPS + " steps did not behave as shown.");
    }
    out.flush();
    return passed == STEPS ? ExitStatus.PRIVATE : ExitStatus.ERROR;
  }

  private void introduce() {
    out.println(
        "privatelink demo: the private-link guard at work on this machine; no Azure account needed.");
    out.println(
        "127.0.0.1 plays the private endpoint, 127.0.0.2 the public internet; the policy allows");
    out.println("exactly " + AzureSandbox.PRIVATE_NETWORK + ".");
    out.println();
    out.println("Sandbox:");
    out.println(
        "  DNS     " + sandbox.dns().nameserver() + ", playing Azure DNS as a VNet sees it");
    out.println("  FHIR    " + sandbox.fhirBaseUrl() + " (embedded HAPI FHIR R4 on 127.0.0.1)");
    out.println("  DICOM   " + sandbox.dicomBaseUrl() + " (health check on 127.0.0.1)");
    out.println(
        "  Canary  "
            + CanaryServer.ADDRESS
            + " on ports "
            + sandbox.fhir().port()
            + " and "
            + sandbox.dicom().port()
            + ", same certificate: a leak would land here");
  }

  /** Step 1: {@code check} of the linked host, with the same report as {@code check}. */
  private boolean checkLinkedHost() {
    step(
        1,
        "privatelink check " + AzureSandbox.FHIR_HOST,
        "Resolve the FHIR host the way the VNet does and verify every address against the policy.");
    Diagnosis diagnosis = resolver.diagnose(AzureSandbox.FHIR_HOST);
    indented(w -> HumanReport.print(w, diagnosis, resolver.nameservers(), cli.verbose()));
    return mark(
        diagnosis.verdict() == Verdict.PRIVATE,
        "PRIVATE: the chain goes through the privatelink zone and ends at 127.0.0.1",
        "expected PRIVATE, got " + diagnosis.verdict());
  }

  /** Step 2: the CapabilityStatement through the guarded HAPI client. */
  private boolean readCapabilityStatement() {
    step(
        2,
        "CapabilityStatement through the guarded HAPI client (CapabilityStatementSample)",
        "The host is verified before the first request and again at every connection.");
    CapabilityStatement cs;
    try {
      cs = CapabilityStatementSample.fetch(sandbox.fhirBaseUrl(), resolver, null, httpClient);
    } catch (RuntimeException e) {
      return mark(false, "", "the guarded HAPI client failed: " + e);
    }
    indented(w -> CapabilityStatementSample.print(cs, w));
    String version = cs.hasFhirVersion() ? cs.getFhirVersion().toCode() : null;
    String software = cs.getSoftware().getName();
    boolean served = sandbox.fhir().requestCount() > 0;
    return mark(
        "4.0.1".equals(version) && EmbeddedFhirServer.SOFTWARE_NAME.equals(software) && served,
        "FHIR 4.0.1 from " + software + ", served by the private server on 127.0.0.1",
        "expected FHIR 4.0.1 from "
            + EmbeddedFhirServer.SOFTWARE_NAME
            + " on 127.0.0.1, got "
            + version
            + " from "
            + software
            + (served ? "" : " (the private server saw no request)"));
  }

  /** Step 3: the DICOM health check through the guarded OkHttp client. */
  private boolean checkDicomHealth() {
    step(
        3,
        "DICOM health check through the guarded OkHttp client (DicomHealthSample)",
        "The same guard on a plain OkHttp client: GET /" + DicomHealthSample.HEALTH_PATH + ".");
    DicomHealthSample.Health health;
    try {
      health = DicomHealthSample.check(sandbox.dicomBaseUrl(), resolver, null, httpClient);
    } catch (IOException | RuntimeException e) {
      return mark(false, "", "the guarded OkHttp client failed: " + e);
    }
    indented(w -> DicomHealthSample.print(health, w));
    return mark(
        health.healthy() && sandbox.dicom().requestCount() > 0,
        "Healthy, answered by the private server on 127.0.0.1",
        "expected HTTP 200 and Healthy from 127.0.0.1, got HTTP "
            + health.httpStatus()
            + " and "
            + health.overallStatus());
  }

  /** Step 4: the same app pointed at a host whose private DNS zone is not linked. */
  private boolean refuseUnlinkedHost() {
    step(
        4,
        "The same app pointed at an unlinked host: " + AzureSandbox.UNLINKED_FHIR_HOST,
        "Its private DNS zone is not linked: DNS falls through Traffic Manager to "
            + CanaryServer.ADDRESS
            + ".");
    try {
      CapabilityStatementSample.fetch(sandbox.unlinkedFhirBaseUrl(), resolver, null, httpClient);
      return mark(
          false, "", "the guarded HAPI client reached the unlinked host instead of refusing it");
    } catch (RuntimeException e) {
      Optional<PrivateLinkException> refusal = PrivateLinkException.find(e);
      if (refusal.isEmpty()) {
        return mark(false, "", "failed, but not with a private-link refusal: " + e);
      }
      PrivateLinkException p = refusal.get();
      out.println(
          STEP_INDENT
              + "CapabilityStatementSample.fetch threw "
              + e.getClass().getSimpleName()
              + ", caused by PrivateLinkException:");
      indented(w -> HumanReport.print(w, p.diagnosis(), resolver.nameservers(), cli.verbose()));
      return mark(
          p.verdict() == Verdict.PUBLIC_ADDRESS && sandbox.fhirCanary().connections() == 0,
          "refused with PUBLIC_ADDRESS before any connection was opened",
          "expected a PUBLIC_ADDRESS refusal and no connection, got "
              + p.verdict()
              + " and "
              + sandbox.fhirCanary().connections()
              + " canary connection(s)");
    }
  }

  /** Step 5: what the public side saw. */
  private boolean countCanaryConnections() throws InterruptedException {
    step(
        5,
        "The canaries on " + CanaryServer.ADDRESS + " (the public internet)",
        "Connections are counted when accepted, before any TLS handshake.");
    // An accept still in flight would be counted late; give it the canary's settle time.
    sandbox.fhirCanary().awaitConnections(1, CanaryServer.SETTLE);
    int connections = sandbox.canaryConnections();
    out.println(STEP_INDENT + "Connections: " + connections);
    return mark(
        connections == 0,
        "nothing reached the public side",
        connections + " connection(s) reached the public side");
  }

  private void step(int number, String title, String explanation) {
    out.println();
    out.println(number + ". " + title);
    out.println(STEP_INDENT + explanation);
  }

  private boolean mark(boolean passed, String pass, String fail) {
    out.println(STEP_INDENT + (passed ? "PASS  " + pass : "FAIL  " + fail));
    out.flush();
    return passed;
  }

  /** Runs {@code report} against a buffer and prints its lines indented under the step. */
  private void indented(Consumer<PrintWriter> report) {
    StringWriter buffer = new StringWriter();
    PrintWriter writer = new PrintWriter(buffer);
    report.accept(writer);
    writer.flush();
    buffer.toString().lines().forEach(line -> out.println(STEP_INDENT + line));
  }
}
