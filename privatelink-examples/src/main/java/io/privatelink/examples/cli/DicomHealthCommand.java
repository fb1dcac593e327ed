package io.privatelink.examples.cli;

import io.privatelink.examples.DicomHealthSample;
import io.privatelink.examples.DicomHealthSample.Health;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

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
    description = {
      DicomHealthCommand.SUMMARY,
      "The host is verified first, as 'check' does; if it is not private, nothing is sent and no"
          + " token is requested. The token (DICOM scope) comes from DefaultAzureCredential"
          + " (az login, managed identity, AZURE_* environment) unless --no-auth."
    },
    exitCodeList = {
      " 0:the service answered and reports Healthy",
      ExitStatus.SERVICE_HELP_VIOLATION,
      ExitStatus.SERVICE_HELP_NO_VERDICT,
      ExitStatus.SERVICE_HELP_USAGE,
      " 1:the call failed (TLS, connection, token, an HTTP error status) or the service is not"
          + " Healthy"
    })
final class DicomHealthCommand extends ServiceCommand<Health> {

  /** The first line of the description, also the command list's entry ({@link PrivatelinkCli}). */
  static final String SUMMARY =
      "Calls GET [URL]/health/check of a DICOM service over its private endpoint only, and prints"
          + " the overall health status.";

  DicomHealthCommand() {
    super("The DICOM health check", DicomHealthSample::check);
  }

  @Override
  int print(Health health, PrintWriter out, PrintWriter err) {
    DicomHealthSample.print(health, out);
    if (verbose()) {
      out.println("Body:           " + health.body());
      out.flush();
    }
    if (health.healthy()) {
      return ExitStatus.PRIVATE;
    }
    err.println(name() + ": " + unhealthy(health));
    err.flush();
    return ExitStatus.ERROR;
  }

  private static String unhealthy(Health health) {
    int status = health.httpStatus();
    if (status == 401 || status == 403) {
      return "the health check at "
          + health.url()
          + " answered HTTP "
          + status
          + ". "
          + ServiceFailure.httpAuthAdvice();
    }
    if (status / 100 != 2) {
      return "the health check at "
          + health.url()
          + " answered HTTP "
          + status
          + ": is the URL the DICOM service's own (https://{workspace}-{service}.dicom."
          + "azurehealthcareapis.com/)? Run again with --verbose to see the body.";
    }
    return "the service reports "
        + (health.overallStatus() == null ? "no overallStatus" : health.overallStatus())
        + ", not Healthy: see the details in the body (--verbose) and the service's resource"
        + " health in the Azure portal.";
  }
}
