package io.privatelink.examples.cli;

import com.azure.core.credential.TokenCredential;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.examples.DicomHealthSample;
import io.privatelink.examples.DicomHealthSample.Health;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code privatelink dicom-health URL}: calls a DICOM service's {@code /health/check} through the
 * guarded OkHttp client ({@link DicomHealthSample}) and prints the overall status. The host must
 * verify as private first; nothing is sent otherwise.
 *
 * <pre>
 * privatelink dicom-health --dns 10.0.0.4 https://ws-dicom.dicom.azurehealthcareapis.com/
 * </pre>
 */
@Command(
    name = "dicom-health",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Calls GET [URL]/health/check of a DICOM service over its private endpoint only, and prints"
          + " the overall health status.",
      "The host is verified first, as 'check' does; if it is not private, nothing is sent and no"
          + " token is requested. The token (DICOM scope) comes from DefaultAzureCredential"
          + " (az login, managed identity, AZURE_* environment) unless --no-auth."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:the service answered and reports Healthy",
      ExitStatus.SERVICE_HELP_VIOLATION,
      ExitStatus.SERVICE_HELP_NO_VERDICT,
      ExitStatus.SERVICE_HELP_USAGE,
      " 1:the call failed (TLS, connection, token, an HTTP error status) or the service is not"
          + " Healthy"
    })
final class DicomHealthCommand implements Callable<Integer> {

  @Mixin private ResolverOptions resolverOptions;

  @Mixin private ServiceOptions serviceOptions;

  @Parameters(
      paramLabel = "URL",
      description = "The DICOM service URL, e.g. https://ws-dicom.dicom.azurehealthcareapis.com/.")
  private String url;

  @ParentCommand private PrivatelinkCli cli;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    // Options first: a usage error (64) must not be reported as a failed call.
    PrivateLinkResolver resolver = resolverOptions.resolver();
    TokenCredential credential = serviceOptions.credential();
    OkHttpClient httpClient = serviceOptions.httpClient();
    PrintWriter err = spec.commandLine().getErr();
    Health health;
    try {
      health = DicomHealthSample.check(url, resolver, credential, httpClient);
    } catch (IOException | RuntimeException e) {
      return ServiceFailure.report(
          err, spec.qualifiedName(), url, "The DICOM health check", e, cli.verbose());
    } finally {
      ServiceOptions.shutdown(httpClient);
    }
    PrintWriter out = spec.commandLine().getOut();
    DicomHealthSample.print(health, out);
    if (cli.verbose()) {
      out.println("Body:           " + health.body());
      out.flush();
    }
    if (health.healthy()) {
      return ExitStatus.PRIVATE;
    }
    err.println(spec.qualifiedName() + ": " + unhealthy(health));
    err.flush();
    return ExitStatus.ERROR;
  }

  private static String unhealthy(Health health) {
    int status = health.httpStatus();
    if (status == 401 || status == 403) {
      return "the health check at " + health.url() + " answered HTTP " + status + ". "
          + ServiceFailure.httpAuthAdvice();
    }
    if (status / 100 != 2) {
      return "the health check at " + health.url() + " answered HTTP " + status
          + ": is the URL the DICOM service's own (https://{workspace}-{service}.dicom."
          + "azurehealthcareapis.com/)? Run again with --verbose to see the body.";
    }
    return "the service reports " + (health.overallStatus() == null ? "no overallStatus" : health.overallStatus())
        + ", not Healthy: see the details in the body (--verbose) and the service's resource"
        + " health in the Azure portal.";
  }
}
