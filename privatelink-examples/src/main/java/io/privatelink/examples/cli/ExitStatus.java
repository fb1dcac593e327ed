package io.privatelink.examples.cli;

import io.privatelink.core.Verdict;
import java.util.Collection;

/**
 * The exit statuses of the {@code privatelink} command, so scripts and CI jobs can act on a check
 * without parsing its output.
 *
 * <p>When several targets are checked, the most urgent status wins: a policy violation (2) before
 * bad input (64) before a DNS problem (3). A violation means traffic could leave the private
 * network, which matters more than an incomplete check.
 */
public final class ExitStatus {

  /** Every target resolved and verified {@link Verdict#PRIVATE}. */
  public static final int PRIVATE = 0;

  /**
   * The command failed otherwise, see the message: for {@code capabilities} and {@code
   * dicom-health} the call itself (TLS, connection, token, an HTTP error status, an unhealthy
   * service); for {@code doctor} a step after DNS (tcp, tls, token, service, public probe, ARM);
   * for {@code demo} a step that did not behave as shown; for any command an unexpected error (a
   * bug or an environment problem).
   */
  public static final int ERROR = 1;

  /**
   * A policy violation: {@code PUBLIC_ADDRESS}, {@code MIXED_ADDRESSES} or {@code
   * NOT_VIA_PRIVATE_LINK}.
   */
  public static final int VIOLATION = 2;

  /**
   * No verdict on the policy: {@code DNS_FAILURE}, {@code NO_SUCH_HOST} or {@code NO_ADDRESSES}.
   */
  public static final int DNS_PROBLEM = 3;

  /**
   * Bad usage or input (as sysexits.h {@code EX_USAGE}), including {@code REJECTED_INPUT} targets
   * and {@code HOST_NOT_ALLOWED} refusals (a host outside the client's allowlist).
   */
  public static final int USAGE = 64;

  private ExitStatus() {}

  /** The status for one verdict. */
  public static int of(Verdict verdict) {
    return switch (verdict) {
      case PRIVATE -> PRIVATE;
      case PUBLIC_ADDRESS, MIXED_ADDRESSES, NOT_VIA_PRIVATE_LINK -> VIOLATION;
      case REJECTED_INPUT, HOST_NOT_ALLOWED, LINK_LEAVES_SERVER -> USAGE;
      case NO_SUCH_HOST, NO_ADDRESSES, DNS_FAILURE -> DNS_PROBLEM;
    };
  }

  /** The most urgent status of several verdicts; {@link #PRIVATE} for none. */
  public static int of(Collection<Verdict> verdicts) {
    int worst = PRIVATE;
    for (Verdict verdict : verdicts) {
      int status = of(verdict);
      if (urgency(status) > urgency(worst)) {
        worst = status;
      }
    }
    return worst;
  }

  private static int urgency(int status) {
    switch (status) {
      case VIOLATION:
        return 3;
      case USAGE:
        return 2;
      case DNS_PROBLEM:
        return 1;
      default:
        return 0;
    }
  }

  /** Help text for 2 in the commands that call a service (picocli needs compile-time constants). */
  static final String SERVICE_HELP_VIOLATION =
      " 2:a policy violation: PUBLIC_ADDRESS, MIXED_ADDRESSES or NOT_VIA_PRIVATE_LINK (nothing sent)";

  /** Help text for 3 in the commands that call a service. */
  static final String SERVICE_HELP_NO_VERDICT =
      " 3:no verdict on the policy: DNS_FAILURE, NO_SUCH_HOST or NO_ADDRESSES (nothing sent)";

  /** Help text for 64 in the commands that call a service. */
  static final String SERVICE_HELP_USAGE =
      "64:bad usage or input: a malformed URL, a bad option, an unreadable --ca-cert";
}
