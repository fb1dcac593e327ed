package io.privatelink.examples.cli;

import com.azure.core.credential.TokenCredential;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.examples.CapabilityStatementSample;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.hl7.fhir.r4.model.CapabilityStatement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads the CapabilityStatement (GET [URL]/metadata) of a FHIR service over its private"
          + " endpoint only, and prints its FHIR version, software and resource types.",
      "The host is verified first, as 'check' does; if it is not private, nothing is sent and no"
          + " token is requested. The token comes from DefaultAzureCredential (az login, managed"
          + " identity, AZURE_* environment) unless --no-auth."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:the CapabilityStatement was read",
      ExitStatus.SERVICE_HELP_VIOLATION,
      ExitStatus.SERVICE_HELP_NO_VERDICT,
      ExitStatus.SERVICE_HELP_USAGE,
      " 1:the call failed: TLS, connection, token or an HTTP error status (e.g. 401, 403)"
    })
final class CapabilitiesCommand implements Callable<Integer> {

  @Mixin private ResolverOptions resolverOptions;

  @Mixin private ServiceOptions serviceOptions;

  @Parameters(
      paramLabel = "URL",
      description = "The FHIR service base URL, e.g. https://myfhir.azurehealthcareapis.com/.")
  private String url;

  @ParentCommand private PrivatelinkCli cli;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    // Options first: a usage error (64) must not be reported as a failed call.
    PrivateLinkResolver resolver = resolverOptions.resolver();
    TokenCredential credential = serviceOptions.credential();
    OkHttpClient httpClient = serviceOptions.httpClient();
    try {
      CapabilityStatement cs =
          CapabilityStatementSample.fetch(url, resolver, credential, httpClient);
      PrintWriter out = spec.commandLine().getOut();
      out.println("Server:         " + url);
      CapabilityStatementSample.print(cs, out);
      return ExitStatus.PRIVATE;
    } catch (RuntimeException e) {
      return ServiceFailure.report(
          spec.commandLine().getErr(),
          spec.qualifiedName(),
          url,
          "Reading the CapabilityStatement",
          e,
          cli.verbose());
    } finally {
      ServiceOptions.shutdown(httpClient);
    }
  }
}
