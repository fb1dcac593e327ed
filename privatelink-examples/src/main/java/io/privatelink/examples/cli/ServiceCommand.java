package io.privatelink.examples.cli;

import com.azure.core.credential.TokenCredential;
import io.privatelink.core.PrivateLinkResolver;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The run of every command that calls one service URL ({@code capabilities}, {@code dicom-health},
 * {@code export}): the {@link ResolverOptions} and {@link ServiceOptions}, read before anything is
 * sent (a usage error, 64, is never reported as a failed call); one call through a sample; the HTTP
 * client shut down after it; a failure reported by {@link ServiceFailure} (a refusal with the
 * verdict's status, anything else as 1); then the result printed.
 *
 * <p>The help settings they share are here too: picocli applies a superclass's {@code @Command}
 * attributes under the subclass's own.
 *
 * @param <R> what the call returns
 */
@Command(
    mixinStandardHelpOptions = true,
    sortOptions = false,
    exitCodeListHeading = "%nExit status:%n")
abstract class ServiceCommand<R> implements Callable<Integer> {

  /** A sample's call of one service URL: verifies the host first, sends nothing otherwise. */
  @FunctionalInterface
  interface Sample<R> {
    R call(
        String url,
        PrivateLinkResolver resolver,
        @Nullable TokenCredential credential,
        OkHttpClient httpClient)
        throws IOException, InterruptedException;
  }

  @Mixin private ResolverOptions resolverOptions;

  @Mixin private ServiceOptions serviceOptions;

  @ParentCommand private PrivatelinkCli cli;

  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "URL",
      description =
          "The service's base URL, e.g. https://ws-fhir.fhir.azurehealthcareapis.com/ (FHIR) or"
              + " https://ws-dicom.dicom.azurehealthcareapis.com/ (DICOM).")
  @SuppressWarnings("NullAway.Init") // a required positional: picocli sets it before call()
  private String url;

  private final String action;
  private final Sample<R> sample;

  /**
   * A command that calls one service URL through {@code sample}.
   *
   * @param action what the call does, for the failure message, e.g. {@code "The DICOM health
   *     check"}
   * @param sample the call of the service at {@link #url()}
   */
  ServiceCommand(String action, Sample<R> sample) {
    this.action = action;
    this.sample = sample;
  }

  /** The service URL the user gave. */
  final String url() {
    return url;
  }

  /** Prints the result of a call that succeeded; returns the exit status. */
  abstract int print(R result, PrintWriter out, PrintWriter err);

  /** Whether {@code --verbose} was given. */
  final boolean verbose() {
    return cli.verbose();
  }

  /** The qualified command name, e.g. {@code privatelink dicom-health}, for messages. */
  final String name() {
    return spec.qualifiedName();
  }

  @Override
  public final Integer call() {
    PrivateLinkResolver resolver = resolverOptions.resolver();
    TokenCredential credential = serviceOptions.credential();
    OkHttpClient httpClient = serviceOptions.httpClient();
    PrintWriter err = spec.commandLine().getErr();
    R result;
    try {
      result = sample.call(url, resolver, credential, httpClient);
    } catch (IOException | RuntimeException e) {
      return ServiceFailure.report(err, name(), url, action, e, verbose());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ServiceFailure.report(err, name(), url, action, e, verbose());
    } finally {
      ServiceOptions.shutdown(httpClient);
    }
    return print(result, spec.commandLine().getOut(), err);
  }
}
