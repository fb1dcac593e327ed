package io.privatelink.examples.cli;

import io.privatelink.examples.CapabilityStatementSample;
import java.io.PrintWriter;
import org.hl7.fhir.r4.model.CapabilityStatement;
import picocli.CommandLine.Command;

/**
 * {@code privatelink capabilities URL}: reads a real FHIR service's CapabilityStatement through the
 * guarded HAPI client ({@link CapabilityStatementSample}) and prints its FHIR version, software and
 * resource types. The host must verify as private first; nothing is sent otherwise.
 *
 * <pre>
 * privatelink capabilities --dns 10.0.0.4 https://ws-fhir.fhir.azurehealthcareapis.com/
 * privatelink capabilities --tenant 72f988bf-... https://myfhir.azurehealthcareapis.com/
 * </pre>
 */
@Command(
    name = "capabilities",
    description = {
      CapabilitiesCommand.SUMMARY,
      "The host is verified first, as 'check' does; if it is not private, nothing is sent and no"
          + " token is requested. The token comes from DefaultAzureCredential (az login, managed"
          + " identity, AZURE_* environment) unless --no-auth."
    },
    exitCodeList = {
      " 0:the CapabilityStatement was read",
      ExitStatus.SERVICE_HELP_VIOLATION,
      ExitStatus.SERVICE_HELP_NO_VERDICT,
      ExitStatus.SERVICE_HELP_USAGE,
      " 1:the call failed: TLS, connection, token or an HTTP error status (e.g. 401, 403)"
    })
final class CapabilitiesCommand extends ServiceCommand<CapabilityStatement> {

  /** The first line of the description, also the command list's entry ({@link PrivatelinkCli}). */
  static final String SUMMARY =
      "Reads the CapabilityStatement (GET [URL]/metadata) of a FHIR service over its private"
          + " endpoint only, and prints its FHIR version, software and resource types.";

  CapabilitiesCommand() {
    super("Reading the CapabilityStatement", CapabilityStatementSample::fetch);
  }

  @Override
  int print(CapabilityStatement cs, PrintWriter out, PrintWriter err) {
    out.println("Server:         " + url());
    CapabilityStatementSample.print(cs, out);
    return ExitStatus.PRIVATE;
  }
}
