package io.privatelink.examples.cli;

import com.azure.core.credential.TokenCredential;
import io.privatelink.core.Diagnosis;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.core.Resolution;
import io.privatelink.core.Verdict;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code privatelink doctor URL}: the private-link checklist in one command. Each step prints one
 * line, PASS, FAIL or SKIP, with what it observed, and for a FAIL what to do: DNS (as {@code
 * check}), TCP to each verified address, TLS with the host name, the token's claims, and the
 * service itself; opt-in, a look from outside ({@code --public-dns}, {@code --probe-public}) and
 * {@code --watch}.
 *
 * <pre>
 * privatelink doctor --dns 10.0.0.4 https://ws-fhir.fhir.azurehealthcareapis.com/
 * privatelink doctor --no-auth --json --public-dns 8.8.8.8 --probe-public https://myfhir.azurehealthcareapis.com/
 * privatelink doctor --watch --exit-on-change https://ws-dicom.dicom.azurehealthcareapis.com/
 * </pre>
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      DoctorCommand.SUMMARY,
      "  dns      the host resolves to its private endpoint (as 'check' does)",
      "  tcp      each verified address accepts a connection (through the guard's socket check)",
      "  tls      the handshake with the host name: certificate names, issuer, expiry",
      "  token    a token for the service's scope (DefaultAzureCredential, unless --no-auth):"
          + " audience, tenant, expiry (decoded, not validated)",
      "  service  GET /metadata (FHIR) or /health/check (DICOM) through the guarded client",
      "A step whose premise failed is skipped. Nothing is sent to a host that did not verify, and"
          + " the token only ever goes to the verified host."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:every step passed or was skipped by an option",
      " 2:DNS: a policy violation, PUBLIC_ADDRESS, MIXED_ADDRESSES or NOT_VIA_PRIVATE_LINK",
      " 3:DNS gave no verdict: DNS_FAILURE, NO_SUCH_HOST or NO_ADDRESSES",
      " 1:a later step failed (tcp, tls, token, service, public-probe)",
      "64:bad usage or input"
    })
final class DoctorCommand implements Callable<Integer> {

  /** The first line of the description, also the command list's entry ({@link PrivatelinkCli}). */
  static final String SUMMARY =
      "Runs the private-link checklist for a FHIR or DICOM service, in order, and prints one line"
          + " per step (PASS, FAIL or SKIP) with what it observed and, for a FAIL, the fix:";

  @Mixin private ResolverOptions resolverOptions;

  @Mixin private ServiceOptions serviceOptions;

  @Option(names = "--json", description = "One JSON object per step, one per line.")
  private boolean json;

  @Option(
      names = "--public-dns",
      paramLabel = "IP[:PORT]",
      description = {
        "Also ask this public resolver (e.g. 1.1.1.1) what an outside client reaches. This step"
            + " leaves the private network (a DNS query only)."
      })
  private @Nullable String publicDns;

  @Option(
      names = "--probe-public",
      description = {
        "With --public-dns: send one unauthenticated GET /metadata (DICOM: /health/check) to the"
            + " public address, to see whether public network access is really off (403). Never"
            + " with a token. This step leaves the private network."
      })
  private boolean probePublic;

  @Option(
      names = "--arm",
      description = {
        "Also read Azure Resource Manager with the credential (needs --resource-id): the service's"
            + " publicNetworkAccess, its private endpoint connections and their states, the"
            + " endpoint's DNS zone group records and the zone's virtual network links, compared with"
            + " what DNS showed. The identity needs Reader on them."
      })
  private boolean arm;

  @Option(
      names = "--resource-id",
      paramLabel = "ID",
      description =
          "With --arm: the service's resource id, e.g. /subscriptions/S/resourceGroups/RG/providers/"
              + "Microsoft.HealthcareApis/workspaces/W/fhirservices/F.")
  private @Nullable String resourceId;

  @Option(
      names = "--vnet",
      paramLabel = "ID",
      description =
          "With --arm: the resource id of the VNet this machine resolves from, to check that the"
              + " private DNS zone is linked to it.")
  private @Nullable String vnetId;

  @Option(
      names = "--arm-endpoint",
      paramLabel = "URL",
      description =
          "With --arm: Azure Resource Manager's URL (default "
              + ArmReader.PUBLIC_CLOUD
              + ";"
              + " e.g. https://management.usgovcloudapi.net/ or a sandbox's). With --no-auth, only a"
              + " non-default endpoint is read, without a token.")
  private @Nullable String armEndpoint;

  @Option(
      names = "--arm-private",
      description =
          "With --arm: ARM is reached over its own private link (Resource Management Private"
              + " Link, zone privatelink.azure.com): verify ARM's host like the service's and send the"
              + " ARM requests, and the management token, only through the guarded client. Without it"
              + " ARM is treated as public, like Microsoft Entra ID.")
  private boolean armPrivate;

  @Option(
      names = "--watch",
      description =
          "After the steps, keep re-resolving as the answer's TTL expires and print a line"
              + " whenever the verdict, chain or addresses change. Stop with Ctrl-C.")
  private boolean watch;

  @Option(
      names = "--exit-on-change",
      description =
          "With --watch: exit at the first change to a verdict other than PRIVATE, with"
              + " its exit status.")
  private boolean exitOnChange;

  @Option(
      names = "--watch-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "With --watch: re-resolve this often instead of when the TTL expires, e.g. 5s.")
  private @Nullable Duration watchInterval;

  @Parameters(
      paramLabel = "URL",
      description =
          "The service URL, e.g. https://ws-fhir.fhir.azurehealthcareapis.com/ (or a bare host).")
  @SuppressWarnings("NullAway.Init") // a required positional: picocli sets it before call()
  private String url;

  @ParentCommand private PrivatelinkCli cli;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    // Options first: a usage error (64) must not be reported as a failed step.
    if (probePublic && publicDns == null) {
      throw usage(
          "--probe-public needs --public-dns IP[:PORT]: the address to probe comes from it.");
    }
    if ((exitOnChange || watchInterval != null) && !watch) {
      throw usage(
          (exitOnChange ? "--exit-on-change" : "--watch-interval") + " only works with --watch.");
    }
    if (!arm && (resourceId != null || vnetId != null || armEndpoint != null || armPrivate)) {
      throw usage("--resource-id, --vnet, --arm-endpoint and --arm-private only work with --arm.");
    }
    if (arm && resourceId == null) {
      throw usage(
          "--arm needs --resource-id ID: the service's resource id (az resource show -n NAME -g RG"
              + " --resource-type Microsoft.HealthcareApis/workspaces/fhirservices --query id).");
    }
    if (arm && armEndpoint != null && HttpUrl.parse(armEndpoint) == null) {
      throw usage("--arm-endpoint: not a URL: " + armEndpoint + ".");
    }
    HttpUrl serviceUrl;
    try {
      serviceUrl = Doctor.serviceUrl(url);
    } catch (IllegalArgumentException e) {
      throw usage(
          e.getMessage()
              + ". Give the service's https URL, e.g. https://myfhir.azurehealthcareapis.com/.");
    }
    PrivateLinkResolver resolver = resolverOptions.resolver();
    PrivateLinkResolver publicResolver = publicResolver();
    TokenCredential credential = serviceOptions.credential();
    OkHttpClient httpClient = serviceOptions.httpClient();
    Doctor.Arm armTarget = null;
    if (arm) {
      if (credential == null && armEndpoint == null) {
        ServiceOptions.shutdown(httpClient);
        throw usage(
            "--arm reads Azure Resource Manager with a token; it cannot go with --no-auth"
                + " (except against a sandbox's --arm-endpoint).");
      }
      String endpoint = armEndpoint == null ? ArmReader.PUBLIC_CLOUD : armEndpoint;
      armTarget =
          new Doctor.Arm(
              new ArmReader(endpoint, credential, httpClient, armPrivate ? resolver : null),
              Objects.requireNonNull(resourceId, "--resource-id"), // checked with the options
              vnetId);
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (!json) {
        out.println("privatelink doctor " + serviceUrl);
      }
      List<DoctorStep> steps = new ArrayList<>();
      // The DNS step's own answer is what --watch compares with: a change during the later steps
      // counts.
      Diagnosis first = resolver.diagnose(serviceUrl.host());
      int status =
          new Doctor(
                  resolver,
                  credential,
                  serviceOptions.tenant(),
                  httpClient,
                  publicResolver,
                  probePublic,
                  armTarget)
              .run(
                  serviceUrl,
                  first,
                  step -> {
                    steps.add(step);
                    print(out, step);
                  });
      if (!json) {
        out.println(result(steps, status));
        out.flush();
      }
      if (watch) {
        return watch(out, resolver, serviceUrl, first);
      }
      return status;
    } finally {
      ServiceOptions.shutdown(httpClient);
    }
  }

  private @Nullable PrivateLinkResolver publicResolver() {
    if (publicDns == null) {
      return null;
    }
    try {
      return PrivateLinkResolver.builder()
          .nameservers(publicDns)
          .timeout(resolverOptions.timeout())
          .build();
    } catch (IllegalArgumentException e) {
      throw usage(
          "--public-dns: "
              + e.getMessage()
              + ". Give an IP address with an optional port, e.g. 1.1.1.1.");
    }
  }

  private static String result(List<DoctorStep> steps, int status) {
    List<String> failed = steps.stream().filter(DoctorStep::failed).map(DoctorStep::step).toList();
    return failed.isEmpty()
        ? "Result: PASS (exit " + status + ")"
        : "Result: FAIL at " + String.join(", ", failed) + " (exit " + status + ")";
  }

  private void print(PrintWriter out, DoctorStep step) {
    if (json) {
      out.println(CliJson.line(step));
    } else {
      out.printf("%-13s%-5s %s%n", step.step(), step.outcome(), step.evidence());
      if (step.fix() != null) {
        HumanReport.wrapped(out, "             fix: ", step.fix(), "                  ");
      }
    }
    out.flush();
  }

  /**
   * Re-resolves until interrupted (or, with --exit-on-change, the first change to a non-PRIVATE
   * verdict).
   */
  private int watch(
      PrintWriter out, PrivateLinkResolver resolver, HttpUrl serviceUrl, Diagnosis first)
      throws InterruptedException {
    Diagnosis last = first;
    while (true) {
      Duration wait = watchInterval != null ? watchInterval : ttl(last.resolution());
      Thread.sleep(wait.toMillis());
      resolver.clearCache();
      Diagnosis now = resolver.diagnose(serviceUrl.host());
      if (!same(last.resolution(), now.resolution())) {
        print(out, watchStep(last.resolution(), now));
        if (exitOnChange && now.verdict() != Verdict.PRIVATE) {
          return ExitStatus.of(now.verdict());
        }
        last = now;
      }
    }
  }

  private static Duration ttl(Resolution r) {
    Duration ttl = r.ttl();
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return ttl.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : ttl;
  }

  private static boolean same(Resolution a, Resolution b) {
    return a.verdict() == b.verdict()
        && a.cnameChain().equals(b.cnameChain())
        && texts(a).equals(texts(b));
  }

  private static List<String> texts(Resolution r) {
    return r.addresses().stream().map(Resolution.Address::text).sorted().toList();
  }

  private static DoctorStep watchStep(Resolution before, Diagnosis now) {
    Resolution after = now.resolution();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    facts.put("verdictBefore", before.verdict().name());
    facts.put("verdict", after.verdict().name());
    facts.put("chain", after.cnameChain());
    facts.put("addresses", texts(after));
    facts.put("hints", now.hints());
    String evidence =
        facts.get("at")
            + " changed: "
            + before.verdict()
            + " "
            + texts(before)
            + " -> "
            + after.verdict()
            + " "
            + texts(after)
            + " via "
            + String.join(" -> ", after.cnameChain());
    if (after.verdict() == Verdict.PRIVATE) {
      return DoctorStep.pass("watch", evidence, facts);
    }
    return DoctorStep.fail("watch", evidence, String.join("; ", now.hints()), facts);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
