package io.privatelink.examples.cli;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.azure.core.exception.ClientAuthenticationException;
import io.privatelink.core.PrivateLinkException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns the failure of a service call ({@code capabilities}, {@code dicom-health}) into one
 * paragraph on stderr, saying what failed, for which host, and what to do, and into an {@linkplain
 * ExitStatus exit status}: the verdict's status for a private-link refusal (2, 3 or 64), 64 for a
 * malformed URL, 1 for anything else (TLS, connection, token, HTTP).
 */
final class ServiceFailure {

  private ServiceFailure() {}

  /**
   * Prints the paragraph for {@code failure} (and its stack trace when {@code verbose}) and returns
   * the exit status.
   *
   * @param command the qualified command name, e.g. {@code privatelink capabilities}
   * @param url the service URL the user gave
   * @param action what was attempted, e.g. {@code reading the CapabilityStatement}
   */
  static int report(
      PrintWriter err,
      String command,
      String url,
      String action,
      Throwable failure,
      boolean verbose) {
    Optional<PrivateLinkException> refusal = PrivateLinkException.find(failure);
    int status;
    String paragraph;
    if (refusal.isPresent()) {
      PrivateLinkException e = refusal.get();
      status = ExitStatus.of(e.verdict());
      paragraph =
          "did not call "
              + url
              + ", because it does not resolve to its private endpoint: "
              + e.getMessage()
              + ". Nothing was sent and no token was requested. Run 'privatelink check' with the"
              + " same --dns, --allow and --deny options and "
              + e.host()
              + " for the full diagnosis.";
    } else if (failure instanceof IllegalArgumentException) {
      status = ExitStatus.USAGE;
      paragraph =
          failure.getMessage()
              + ". Give the service's https URL, e.g. https://myfhir.azurehealthcareapis.com/.";
    } else {
      status = ExitStatus.ERROR;
      paragraph = action + " at " + url + " failed: " + describe(failure) + ". " + advice(failure);
    }
    err.println(command + ": " + paragraph);
    if (verbose) {
      failure.printStackTrace(err);
    }
    err.flush();
    return status;
  }

  /** The failure's message, followed by its root cause's when that says something more. */
  private static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = text(failure);
    if (root == failure || top.contains(String.valueOf(root.getMessage()))) {
      return top;
    }
    return top + " (" + text(root) + ")";
  }

  private static String text(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : strip(message);
  }

  private static String strip(String message) {
    String oneLine = message.strip().replaceAll("\\s+", " ");
    return oneLine.endsWith(".") ? oneLine.substring(0, oneLine.length() - 1) : oneLine;
  }

  private static String advice(Throwable failure) {
    if (has(failure, ClientAuthenticationException.class)) {
      return "No access token could be had: sign in with 'az login', or run where a managed"
          + " identity or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET is set, give the"
          + " tenant with --tenant, or call without a token with --no-auth.";
    }
    if (has(failure, SSLException.class)) {
      return "The TLS handshake failed: the server's certificate was not trusted or does not"
          + " match the host name. If the service presents a certificate from a private CA, give"
          + " that CA with --ca-cert FILE.";
    }
    if (has(failure, ConnectException.class)) {
      return "Nothing accepted the connection at the private address: check the URL's port, that"
          + " the private endpoint's connection is approved, and that a network security group"
          + " allows port 443 from here.";
    }
    if (has(failure, SocketTimeoutException.class)) {
      return "The service did not answer in time: check network security groups, routes and"
          + " firewalls between here and the private endpoint.";
    }
    Optional<BaseServerResponseException> http = find(failure, BaseServerResponseException.class);
    if (http.isPresent()
        && (http.get().getStatusCode() == 401 || http.get().getStatusCode() == 403)) {
      return httpAuthAdvice();
    }
    return "Run again with --verbose for the stack trace.";
  }

  /** What to do about a 401 or 403 answer. */
  static String httpAuthAdvice() {
    return "The service refused the caller: without --no-auth, check that the identity has a"
        + " data-plane role on the service (e.g. FHIR Data Reader, DICOM Data Reader) in the right"
        + " tenant (--tenant); with --no-auth, the service requires a token.";
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    return find(failure, type).isPresent();
  }

  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
