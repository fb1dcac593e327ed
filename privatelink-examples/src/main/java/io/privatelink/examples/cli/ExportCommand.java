package io.privatelink.examples.cli;

import io.privatelink.examples.BulkExportSample;
import io.privatelink.examples.BulkExportSample.Export;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

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
    description = {
      ExportCommand.SUMMARY,
      "The FHIR host and every storage host are verified first, as 'check' does; a host that is"
          + " not private gets no request and no token. Tokens (the FHIR scope, and Storage's for"
          + " the downloads) come from DefaultAzureCredential unless --no-auth."
    },
    exitCodeList = {
      " 0:the export finished and every file was downloaded",
      ExitStatus.SERVICE_HELP_VIOLATION,
      ExitStatus.SERVICE_HELP_NO_VERDICT,
      ExitStatus.SERVICE_HELP_USAGE,
      " 1:a call failed (TLS, connection, token, an HTTP error status, the export itself)"
    })
final class ExportCommand extends ServiceCommand<Export> {

  /** The first line of the description, also the command list's entry ({@link PrivatelinkCli}). */
  static final String SUMMARY =
      "Runs a system-level FHIR bulk $export on URL (kick-off, poll until done) and downloads each"
          + " NDJSON output file from its Storage account, over private endpoints only.";

  ExportCommand() {
    super("The $export", BulkExportSample::export);
  }

  @Override
  int print(Export export, PrintWriter out, PrintWriter err) {
    BulkExportSample.print(export, out);
    return ExitStatus.PRIVATE;
  }
}
