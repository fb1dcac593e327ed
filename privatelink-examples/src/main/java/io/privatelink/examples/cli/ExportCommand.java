package io.privatelink.examples.cli;

import com.azure.core.credential.TokenCredential;
import io.privatelink.core.PrivateLinkResolver;
import io.privatelink.examples.BulkExportSample;
import io.privatelink.examples.BulkExportSample.Export;
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
 * {@code privatelink export URL}: runs a FHIR bulk {@code $export} ({@link BulkExportSample}) and
 * downloads every output file from Storage, each host verified as private first.
 *
 * <pre>
 * privatelink export --dns 10.0.0.4 https://ws-fhir.fhir.azurehealthcareapis.com/
 * </pre>
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs a system-level FHIR bulk $export on URL (kick-off, poll until done) and downloads each"
          + " NDJSON output file from its Storage account, over private endpoints only.",
      "The FHIR host and every storage host are verified first, as 'check' does; a host that is"
          + " not private gets no request and no token. Tokens (the FHIR scope, and Storage's for"
          + " the downloads) come from DefaultAzureCredential unless --no-auth."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      " 0:the export finished and every file was downloaded",
      ExitStatus.SERVICE_HELP_VIOLATION,
      ExitStatus.SERVICE_HELP_NO_VERDICT,
      ExitStatus.SERVICE_HELP_USAGE,
      " 1:a call failed (TLS, connection, token, an HTTP error status, the export itself)"
    })
final class ExportCommand implements Callable<Integer> {

  @Mixin private ResolverOptions resolverOptions;

  @Mixin private ServiceOptions serviceOptions;

  @Parameters(
      paramLabel = "URL",
      description = "The FHIR service URL, e.g. https://ws-fhir.fhir.azurehealthcareapis.com/.")
  private String url;

  @ParentCommand private PrivatelinkCli cli;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrivateLinkResolver resolver = resolverOptions.resolver();
    TokenCredential credential = serviceOptions.credential();
    OkHttpClient httpClient = serviceOptions.httpClient();
    PrintWriter err = spec.commandLine().getErr();
    Export export;
    try {
      export = BulkExportSample.export(url, resolver, credential, httpClient);
    } catch (IOException | RuntimeException e) {
      return ServiceFailure.report(err, spec.qualifiedName(), url, "The $export", e, cli.verbose());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ServiceFailure.report(err, spec.qualifiedName(), url, "The $export", e, cli.verbose());
    } finally {
      ServiceOptions.shutdown(httpClient);
    }
    BulkExportSample.print(export, spec.commandLine().getOut());
    return ExitStatus.PRIVATE;
  }
}
